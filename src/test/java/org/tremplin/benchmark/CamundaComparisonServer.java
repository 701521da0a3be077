package org.tremplin.benchmark;

import org.tremplin.support.PackagedApplication;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server of {@link CamundaComparisonBenchmark} as an operating-system process of its own: Tremplin's packaged jar or
 * the plain Camunda application, both with {@link #JVM_FLAGS} (the normal JIT, the same heap), each on a port of its
 * own. {@link #start()} measures the wall time from the launch to the first {@code /actuator/health} answering UP;
 * {@link #cpuNanos()} reads the process's CPU time (user + system) from the operating system.
 */
final class CamundaComparisonServer implements AutoCloseable {

    /** The same for every server: the heap, and nothing that changes the JIT or the collector from their defaults. */
    static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g");

    private final String name;
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private CamundaComparisonServer(String name, List<String> launch, Path log) {
        this.name = name;
        this.log = log;
        this.port = PackagedApplication.freePort();
        List<String> all = new ArrayList<>();
        all.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        all.addAll(JVM_FLAGS);
        // each collection's pause, one line each (read by gcPausesSince; changes nothing in the collector)
        all.add("-Xlog:gc:file=" + gcLog() + ":uptime");
        if (Boolean.getBoolean("benchmark.jfr")) {
            // -Dbenchmark.jfr=true: a flight recording of each server, written when it stops (jfr print / jfr summary);
            // stacks kept 256 frames deep: a step's (filters, Camunda, Axon, a listener's query) runs past the default 64
            all.add("-XX:FlightRecorderOptions=stackdepth=256");
            all.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + log.toAbsolutePath().toString().replaceAll("\\.log$", "") + ".jfr");
        }
        all.addAll(launch);
        all.add("--server.port=" + port);
        this.command = all;
    }

    /** Tremplin's packaged jar with the given Spring arguments. */
    static CamundaComparisonServer tremplin(String name, Path jar, Path log, List<String> springArguments) {
        List<String> launch = new ArrayList<>(List.of("-jar", jar.toString()));
        launch.addAll(springArguments);
        return new CamundaComparisonServer(name, launch, log);
    }

    /** A main class of the test class path (the plain Camunda application) with the given arguments. */
    static CamundaComparisonServer mainClass(String name, String mainClass, Path log, List<String> arguments) {
        List<String> launch = new ArrayList<>(List.of("-cp", testClassPath(), mainClass));
        launch.addAll(arguments);
        return new CamundaComparisonServer(name, launch, log);
    }

    /** Surefire's real class path (its own {@code java.class.path} is a manifest-only jar); else this JVM's. */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String classPath = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        // the project directory itself may be on the test class path: its bpmn/ would be deployed twice
        Path project = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        return java.util.Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).toAbsolutePath().normalize().equals(project))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Launches the process and waits for its health to answer UP; returns the wall time that took. */
    Duration start(Duration timeout) {
        long launched = System.nanoTime();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(new File(System.getProperty("user.dir"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = launched + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - launched);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not healthy after " + timeout + "; see " + log);
    }

    /**
     * Stops the process with {@code SIGSTOP} while another server is measured, so that its own background work (its
     * processors extending their claims, its job executor, its compiler's tail) takes no CPU from the one measured;
     * {@link #resume()} lets it go on. Returns false where signals cannot be sent (no {@code kill} command).
     */
    boolean suspend() {
        return signal("STOP");
    }

    /** Lets a {@linkplain #suspend() suspended} process go on ({@code SIGCONT}); harmless on one running. */
    boolean resume() {
        return signal("CONT");
    }

    private boolean signal(String signal) {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The collector's log: one line a collection, its kind and its pause (-Xlog:gc). */
    Path gcLog() {
        return Path.of(log.toAbsolutePath().toString().replaceAll("\\.log$", "") + ".gc.log");
    }

    /** How many lines the collector's log holds so far (0 before the first). */
    int gcLogLines() {
        try {
            return Files.exists(gcLog()) ? Files.readAllLines(gcLog()).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The young collections' pauses (mixed ones included) logged after the first {@code lines} lines of the collector's
     * log: how many, their total, median and longest, in milliseconds, and how many other pauses (a concurrent cycle's
     * remark and cleanup, a full collection) with their total.
     */
    String gcPausesSince(int lines) {
        List<Double> young = new ArrayList<>();
        List<Double> other = new ArrayList<>();
        try {
            List<String> all = Files.exists(gcLog()) ? Files.readAllLines(gcLog()) : List.of();
            for (String line : all.subList(Math.min(lines, all.size()), all.size())) {
                Matcher pause = GC_PAUSE.matcher(line);
                if (pause.find()) {
                    (pause.group(1).startsWith("Young") ? young : other).add(Double.parseDouble(pause.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Collections.sort(young);
        return String.format(Locale.ROOT, "%d young pauses, %.0f ms in all (median %.1f, longest %.1f); %d others, %.0f ms",
                young.size(), young.stream().mapToDouble(Double::doubleValue).sum(),
                young.isEmpty() ? 0 : young.get(young.size() / 2), young.isEmpty() ? 0 : young.get(young.size() - 1),
                other.size(), other.stream().mapToDouble(Double::doubleValue).sum());
    }

    /** A pause in -Xlog:gc's lines: {@code Pause Young (Normal) (G1 Evacuation Pause) 210M->60M(1024M) 12.345ms}. */
    private static final Pattern GC_PAUSE = Pattern.compile("Pause (\\S.*?) \\d+M->\\d+M\\(\\d+M\\) ([0-9.]+)ms");

    /** CPU time (user + system) the process has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("No CPU time for " + name)).toNanos();
    }

    /**
     * CPU time (user + system) of the JVM's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}),
     * by thread id, from Linux's {@code /proc/<pid>/task}; empty where there is no such directory. Compiler threads
     * come and go (HotSpot starts and stops them with the load): a thread that ended between two readings is missing
     * from the second, so a difference of two readings is a lower bound. In clock ticks of 10 ms (Linux's USER_HZ).
     */
    Map<String, Long> compilerTicks() {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        try (var threads = Files.list(tasks)) {
            threads.forEach(thread -> {
                try {
                    if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                        return;
                    }
                    ticks.put(thread.getFileName().toString(), cpuTicks(thread));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /**
     * CPU time (user + system) of a process or thread so far, in clock ticks of 10 ms (Linux's USER_HZ), from its
     * {@code /proc} directory's {@code stat} (after the command name in parentheses, the 12th and 13th fields).
     */
    static long cpuTicks(Path procDirectory) throws IOException {
        String stat = Files.readString(procDirectory.resolve("stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Milliseconds of the compiler threads between two readings of {@link #compilerTicks()}, at least. */
    static double compilerMillisBetween(Map<String, Long> before, Map<String, Long> after) {
        if (after.isEmpty()) {
            return Double.NaN;
        }
        long ticks = 0;
        for (var thread : after.entrySet()) {
            ticks += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return ticks * 10.0;
    }

    /** A graceful stop (SIGTERM), waited for. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            resume(); // a stopped process would not act on SIGTERM until continued
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.tremplin.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged application ({@code target/tremplin-*.jar}, built by {@code mvn package} before failsafe runs the
 * {@code *IT} classes) started as a separate operating-system process, as an operator runs it: so that a test can
 * kill it with {@code kill -9} ({@link #kill()}) and start it again on the same database.
 */
public final class PackagedApplication implements AutoCloseable {

    private final List<String> arguments;
    private final Path log;
    private final int port;
    private Process process;

    private PackagedApplication(List<String> arguments, Path log, int port) {
        this.arguments = arguments;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on a free port with the given Spring arguments (e.g. {@code --spring.datasource.url=...}) and waits
     * until its health answers UP. Its output goes to {@code log} (appended, so restarts keep one file).
     */
    public static PackagedApplication start(Path log, Duration startTimeout, String... springArguments) {
        PackagedApplication application = new PackagedApplication(List.of(springArguments), log, freePort());
        application.startProcess(startTimeout);
        return application;
    }

    /** The path of the packaged jar: the {@code tremplin.jar} system property set by failsafe in the pom. */
    public static Path jar() {
        String configured = System.getProperty("tremplin.jar");
        if (configured == null) {
            throw new IllegalStateException("System property tremplin.jar is not set: run this test through failsafe (mvn verify)");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged application at " + jar + ": run mvn package first");
        }
        return jar;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to flush, close or run shutdown hooks. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** Starts the process again, on the same port, database and arguments, and waits for its health. */
    public void restart(Duration startTimeout) {
        kill();
        startProcess(startTimeout);
    }

    /** A graceful stop (SIGTERM), as an operator's {@code kill}. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startProcess(Duration startTimeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The heap the README promises: the crash, recovery and two-node runs hold in half a gigabyte.
        command.add("-Xmx512m");
        // C1 only, serial GC: the process lives a minute or two, and C2's compiler threads cost more than they save.
        // Measured on the two shared cores, CPU spent until health answers UP: 36 s by default, 15 s with C1 only,
        // 13.5 s with the serial GC too (wall 68-100 s against 24-30 s under the other builds' load). What the tests
        // check (durability, token claims, read-your-writes) does not depend on the JIT or the collector.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        // No bytecode verification of the application's classes (javac's and the libraries' own): 13 % less CPU to
        // health UP (22.6-23.5 s -> 19.4-20.1 s, this jar on a fresh H2 file). A test-only flag, as are the two above.
        command.add("-XX:+UnlockDiagnosticVMOptions");
        command.add("-XX:-BytecodeVerificationRemote");
        command.add("-jar");
        command.add(jar().toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(new File(System.getProperty("user.dir")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        awaitHealthy(startTimeout);
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + " during start-up; see " + log);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the application", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the application", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("The application was not healthy after " + timeout + "; see " + log);
    }

    /** A port nothing listens on now (for a server process the test starts). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

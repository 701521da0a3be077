package org.tremplin.benchmark;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a server's flight recording of a whole comparison run ({@code -Dbenchmark.jfr=true}) for the four-client phases
 * alone, whose windows {@link CamundaComparisonBenchmark} writes to {@code four-client-windows.tsv}: the execution
 * samples by thread (digits folded), the methods on top of the stacks, and the methods anywhere in them (each counted
 * once a sample), as shares of the samples in the windows. A warm-up, a one-client phase or an idle pause weighs
 * nothing in it, where a whole recording's summary mixes them in.
 *
 * <pre>java -cp target/test-classes org.tremplin.benchmark.FlightRecordingWindows \
 *     target/camunda-comparison/&lt;run&gt;/tremplin-postgresql.jfr target/camunda-comparison/&lt;run&gt;/four-client-windows.tsv \
 *     Tremplin [rows] [a frame prefix to keep for the "anywhere" table, e.g. org.tremplin.]</pre>
 */
public final class FlightRecordingWindows {

    private FlightRecordingWindows() {
    }

    public static void main(String[] arguments) throws IOException {
        if (arguments.length < 3) {
            System.err.println("usage: FlightRecordingWindows <recording.jfr> <four-client-windows.tsv> <server name> [rows] [frame prefix]");
            System.exit(2);
        }
        Path recording = Path.of(arguments[0]);
        List<long[]> windows = windows(Path.of(arguments[1]), arguments[2]);
        int rows = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 40;
        String prefix = arguments.length > 4 ? arguments[4] : "";
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> anywhere = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        // -Dstacks.of=<class.method>: the samples with that method on top, by their deepest frames above it
        String stacksOf = System.getProperty("stacks.of", "");
        int depth = Integer.getInteger("stacks.depth", 12);
        Map<String, Integer> stacks = new HashMap<>();
        // -Dcallees.of=<class.method>: the samples with that method anywhere, by the frames it called (nearest the top
        // of the stack when it recurs), callees.depth deep
        String calleesOf = System.getProperty("callees.of", "");
        int calleeDepth = Integer.getInteger("callees.depth", 1);
        Map<String, Integer> callees = new HashMap<>();
        // -Dthreads=<prefix>: only the samples of the threads whose name (digits folded) begins so
        String threadPrefix = System.getProperty("threads", "");
        int samples = 0;
        // read event by event: a whole run's recording is tens of megabytes, most of it outside the windows
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                        || !inside(windows, event.getStartTime())) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?"
                        : thread.getJavaName().replaceAll("\\d+", "#");
                if (!name.startsWith(threadPrefix)) {
                    continue;
                }
                samples++;
                threads.merge(name, 1, Integer::sum);
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                top.merge(method(stack.getFrames().get(0)), 1, Integer::sum);
                libraries.merge(library(stack.getFrames()), 1, Integer::sum);
                if (!stacksOf.isEmpty() && method(stack.getFrames().get(0)).equals(stacksOf)) {
                    StringBuilder callers = new StringBuilder();
                    stack.getFrames().stream().limit(depth).forEach(frame -> callers.append("\n            ").append(method(frame))
                            .append(':').append(frame.getLineNumber()));
                    stacks.merge(callers.toString(), 1, Integer::sum);
                }
                if (!calleesOf.isEmpty()) {
                    List<RecordedFrame> frames = stack.getFrames();
                    for (int i = 0; i < frames.size(); i++) {
                        if (method(frames.get(i)).equals(calleesOf)) {
                            StringBuilder called = new StringBuilder();
                            for (int j = i - 1; j >= Math.max(0, i - calleeDepth); j--) {
                                called.append(called.length() == 0 ? "" : " > ").append(method(frames.get(j)));
                            }
                            callees.merge(called.length() == 0 ? "(self)" : called.toString(), 1, Integer::sum);
                            break;
                        }
                    }
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String method = method(frame);
                    if (method.startsWith(prefix) && seen.add(method)) {
                        anywhere.merge(method, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d execution samples in %d four-client windows of %s%n", samples, windows.size(), arguments[2]);
        print("threads", threads, samples, rows);
        print("on top of the stack", top, samples, rows);
        print("by library (the first frame from the top outside the JDK, its package's first three names)", libraries,
                samples, rows);
        print("anywhere in the stack" + (prefix.isEmpty() ? "" : " (" + prefix + "*)"), anywhere, samples, rows);
        if (!calleesOf.isEmpty()) {
            print("callees of " + calleesOf, callees, samples, rows);
        }
        if (!stacksOf.isEmpty()) {
            print("stacks of " + stacksOf, stacks, samples, rows);
        }
    }

    private static List<long[]> windows(Path file, String server) throws IOException {
        List<long[]> windows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t");
            if (parts.length == 3 && parts[0].equals(server)) {
                windows.add(new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return windows;
    }

    private static boolean inside(List<long[]> windows, Instant instant) {
        long millis = instant.toEpochMilli();
        for (long[] window : windows) {
            if (millis >= window[0] && millis <= window[1]) {
                return true;
            }
        }
        return false;
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                String[] names = type.split("\\.");
                int depth = Integer.getInteger("library.depth", 3);
                if (depth > names.length - 1) {
                    return type + "." + frame.getMethod().getName();
                }
                return String.join(".", java.util.Arrays.copyOf(names, Math.min(depth, names.length - 1)));
            }
        }
        return "(the JDK alone)";
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int rows) {
        System.out.printf("%n%s:%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf(Locale.ROOT, "%6.1f %%  %6d  %s%n", 100.0 * e.getValue() / samples,
                        e.getValue(), e.getKey()));
    }
}

package org.tremplin.benchmark;

import org.tremplin.benchmark.CamundaComparisonClients.Driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's labellings against a server already running, for looking at a server from outside while it works
 * (a database's statement statistics, a profiler attached by hand): {@code tremplin}, {@code plain} or
 * {@code plain-auth}, the base URL, how many labellings, how many clients, and for Tremplin how many consortia; each
 * phase given on the command line runs after the one before, and between phases the driver waits for Enter on its
 * standard input when {@code --pause} is given (to reset the statistics, start a recording). A phase written
 * {@code s<n>} is n idea starts by one client, as a round's starts (session 46), and one written {@code o<n>} is n
 * labellings by one client, as a round's one-client labellings (session 47): {@code s90 o18 48}, repeated, is the
 * mix of a round at {@code -Dbenchmark.scale=3}. The labellings are checked at the end as the benchmark checks them.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.tremplin.benchmark.CamundaComparisonLoad \
 *     tremplin http://localhost:8099 64 --pause 1500 400 s2000</pre>
 */
public final class CamundaComparisonLoad {

    private CamundaComparisonLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 4) {
            System.err.println("usage: CamundaComparisonLoad tremplin|plain|plain-auth <base URL> <consortia> [--pause] <labellings | s<starts> | o<one-client labellings>>...");
            System.exit(2);
        }
        String system = arguments[0];
        Driver driver = switch (system) {
            case "tremplin" -> new CamundaComparisonClients.Tremplin("Tremplin", arguments[1], Integer.parseInt(arguments[2]));
            case "plain" -> new CamundaComparisonClients.Plain("plain Camunda", arguments[1], false);
            case "plain-auth" -> new CamundaComparisonClients.Plain("plain Camunda + auth", arguments[1], true);
            default -> throw new IllegalArgumentException("Unknown system " + system);
        };
        boolean pause = false;
        List<String> phases = new ArrayList<>();
        for (int i = 3; i < arguments.length; i++) {
            if (arguments[i].equals("--pause")) {
                pause = true;
            } else {
                phases.add(arguments[i]);
            }
        }
        int clients = Integer.getInteger("clients", 4);
        driver.setUp();
        long done = driver.grantedLabellings();
        for (int phase = 0; phase < phases.size(); phase++) {
            if (pause && phase > 0) {
                String next = phases.get(phase);
                System.out.printf("phase %d of %d: press Enter to run %s%n", phase + 1, phases.size(),
                        describe(next, clients));
                System.in.read();
            }
            String given = phases.get(phase);
            boolean starts = given.startsWith("s");
            boolean alone = given.startsWith("o");
            int count = Integer.parseInt(starts || alone ? given.substring(1) : given);
            long start = System.nanoTime();
            if (starts) {
                for (int i = 0; i < count; i++) {
                    driver.startIdea(i);
                }
            } else {
                CamundaComparisonBenchmark.labelMany(driver, count, alone ? 1 : clients);
                done += count;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "phase %d: %s in %.1f s, %.2f/s%n", phase + 1, describe(given, clients),
                    seconds, count / seconds);
        }
        long granted = driver.grantedLabellings();
        System.out.printf("%d lifecycles past a granted label (%d expected), %d look-ups repeated%n", granted, done, driver.retries());
        System.exit(granted == done ? 0 : 1);
    }

    /** What a phase runs, in words. */
    private static String describe(String phase, int clients) {
        return switch (phase.charAt(0)) {
            case 's' -> phase.substring(1) + " starts with 1 client";
            case 'o' -> phase.substring(1) + " labellings with 1 client";
            default -> phase + " labellings with " + clients + " clients";
        };
    }
}

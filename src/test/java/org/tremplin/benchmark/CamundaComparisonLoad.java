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
 * standard input when {@code --pause} is given (to reset the statistics, start a recording). The labellings are
 * checked at the end as the benchmark checks them.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.tremplin.benchmark.CamundaComparisonLoad \
 *     tremplin http://localhost:8099 64 --pause 1500 400</pre>
 */
public final class CamundaComparisonLoad {

    private CamundaComparisonLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 4) {
            System.err.println("usage: CamundaComparisonLoad tremplin|plain|plain-auth <base URL> <consortia> [--pause] <labellings>...");
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
        List<Integer> phases = new ArrayList<>();
        for (int i = 3; i < arguments.length; i++) {
            if (arguments[i].equals("--pause")) {
                pause = true;
            } else {
                phases.add(Integer.parseInt(arguments[i]));
            }
        }
        int clients = Integer.getInteger("clients", 4);
        driver.setUp();
        long done = driver.grantedLabellings();
        for (int phase = 0; phase < phases.size(); phase++) {
            if (pause && phase > 0) {
                System.out.printf("phase %d of %d: press Enter to run %d labellings%n", phase + 1, phases.size(), phases.get(phase));
                System.in.read();
            }
            int count = phases.get(phase);
            long start = System.nanoTime();
            CamundaComparisonBenchmark.labelMany(driver, count, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            done += count;
            System.out.printf(Locale.ROOT, "phase %d: %d labellings with %d clients in %.1f s, %.2f/s%n", phase + 1, count,
                    clients, seconds, count / seconds);
        }
        long granted = driver.grantedLabellings();
        System.out.printf("%d lifecycles past a granted label (%d expected), %d look-ups repeated%n", granted, done, driver.retries());
        System.exit(granted == done ? 0 : 1);
    }
}

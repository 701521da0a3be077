package org.tremplin.benchmark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tremplin.benchmark.CamundaComparisonClients.Driver;
import org.tremplin.benchmark.plain.PlainCamundaApplication;
import org.tremplin.support.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tremplin against plain Camunda 7 running the same models ({@link PlainCamundaApplication}: no-op delegates, full
 * history, same variables, engine REST), bare and with Camunda's basic authentication and authorizations on. Each of
 * the three is a server process of its own, with the same JVM flags, on a database of its own (an H2 file; or a database
 * of one embedded PostgreSQL). The rounds alternate (Tremplin, plain, plain + auth, Tremplin, ...) and every ratio is
 * printed as its median and min–max over the rounds, as a Markdown table. Asserts nothing about speed, only that every
 * labelling ended granted on each system.
 *
 * <p>Run (the jar first: {@code mvn -o package -DskipTests}), H2 then PostgreSQL:
 * {@code mvn -o test -Dtest=CamundaComparisonBenchmark -Dbenchmark=true} (one database:
 * {@code -Dtest='CamundaComparisonBenchmark#onH2'} or {@code #onPostgres}). Longer runs: {@code -Dbenchmark.rounds=}
 * (default 3) and {@code -Dbenchmark.scale=} (multiplies the number of starts and labellings per round, default 1).
 * See src/docs/performance.md.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CamundaComparisonBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int SCALE = Integer.getInteger("benchmark.scale", 1);
    private static final int STARTUPS = Integer.getInteger("benchmark.startups", 2);
    private static final int STARTS = 30 * SCALE;
    private static final int ONE_CLIENT_LABELLINGS = 6 * SCALE;
    private static final int CLIENTS = 4;
    private static final int FOUR_CLIENT_LABELLINGS = 16 * SCALE;
    /**
     * {@code -Dbenchmark.warmup=}: a number of labellings with 4 clients before the rounds (then a quarter of that with
     * 1 client, and the starts), or {@code compiled}: labellings with 4 clients in batches of {@value #WARM_UP_BATCH}
     * until the server's JIT compiler threads used at most {@code benchmark.warmup.compiler-share} (10 %) of its CPU in
     * two batches in a row (at most {@code benchmark.warmup.max}, 4,000), then 50 with 1 client, the starts, and whole
     * rounds unmeasured until the compiler is mostly done with a round's mix ({@link #WARM_UP_ROUND_COMPILER_SHARE}).
     */
    private static final String WARM_UP = System.getProperty("benchmark.warmup", "24");
    private static final boolean WARM_UNTIL_COMPILED = "compiled".equals(WARM_UP);
    private static final int WARM_UP_LABELLINGS = WARM_UNTIL_COMPILED ? 0 : Integer.parseInt(WARM_UP);
    private static final int WARM_UP_BATCH = 100;
    private static final double WARM_UP_COMPILER_SHARE = Double.parseDouble(
            System.getProperty("benchmark.warmup.compiler-share", "0.10"));
    private static final int WARM_UP_MAX = Integer.getInteger("benchmark.warmup.max", 4_000);
    private static final int WARM_UP_ONE_CLIENT_COMPILED = 50;
    /**
     * With the compiled warm-up, after the labellings above: whole rounds, unmeasured (the starts, the one-client
     * labellings, the four-client ones and the benchmark's own reads between them, as a measured round makes them),
     * until the JIT compiler threads used at most {@code benchmark.warmup.round-compiler-share} (5 %) of the server's
     * CPU in two such rounds in a row (at most {@code benchmark.warmup.rounds}, 15). A warm-up of four-client
     * labellings alone left the rounds' other requests (a round's starts, Tremplin's metrics read between its phases)
     * to deoptimize and recompile the servers' request paths in the first measured rounds: Tremplin's JIT compiler took
     * 10–26 ms of a four-client labelling in two or three of the first rounds of session 44's runs, 0–3 ms in the last
     * ones, and its rate followed (src/docs/performance.md, session 45).
     */
    private static final double WARM_UP_ROUND_COMPILER_SHARE = Double.parseDouble(
            System.getProperty("benchmark.warmup.round-compiler-share", "0.05"));
    private static final int WARM_UP_ROUNDS_MAX = Integer.getInteger("benchmark.warmup.rounds", 15);
    /**
     * {@code -Dbenchmark.pause-others=} (default true): the servers not being warmed up or measured are stopped
     * ({@code SIGSTOP}) meanwhile, so that their background work takes nothing from the one measured (idle after
     * their warm-up, the three servers used 57, 27 and 32 ms of CPU a second on this two-core machine, session 43),
     * and the one measured is given {@value #RESUMED_SETTLE_MILLIS} ms after it is continued before its round starts.
     */
    private static final boolean PAUSE_OTHERS = Boolean.parseBoolean(System.getProperty("benchmark.pause-others", "true"));
    private static final long RESUMED_SETTLE_MILLIS = 1_000;
    /** Consortia Tremplin's labellings take turns with (8 measured no different from 1 in session 20). */
    private static final int CONSORTIA = Integer.getInteger("benchmark.consortia", 1);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Path RUN = Path.of("target", "camunda-comparison",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

    /**
     * Removes the H2 files a run leaves under {@link #RUN} (its logs and tables stay): a run with the compiled warm-up
     * left 7–14 GB of them, and runs kept on a machine filled its disk (session 39: the next run's servers failed to
     * write).
     */
    private static void removeDatabases() {
        for (String system : List.of("tremplin", "plain", "plain-auth")) {
            Path directory = RUN.resolve(system);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                System.out.printf("Could not remove %s: %s%n", directory, e);
            }
        }
    }

    @Test
    void onH2() {
        compare("H2", system -> List.of("--spring.datasource.url=jdbc:h2:retry:file:" + RUN.resolve(system).resolve("db").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "--spring.datasource.username=sa", "--spring.datasource.password="),
                List.of());
    }

    @Test
    void onPostgres() {
        Map<String, String> urls = new LinkedHashMap<>();
        compare("PostgreSQL", new Database() {
            @Override
            public List<String> arguments(String system) {
                String url = urls.computeIfAbsent(system, s -> EmbeddedPostgres.createFreshDatabase());
                return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + EmbeddedPostgres.USER,
                        "--spring.datasource.password=" + EmbeddedPostgres.PASSWORD);
            }

            @Override
            public DatabaseWork work(String system) {
                return PostgresWork.counters(urls.get(system));
            }
        }, List.of("--spring.profiles.active=postgres"));
    }

    /** The Spring arguments that give a system ("tremplin", "plain", "plain-auth") a database of its own. */
    interface Database {
        List<String> arguments(String system);

        /** What the database did for a system so far, if it tells (PostgreSQL's statistics); else null. */
        default DatabaseWork work(String system) {
            return null;
        }
    }

    /**
     * Reads a database's cumulative counters: transactions committed, rows read, rows written, and the CPU time its
     * server processes used (milliseconds; negative where the operating system does not tell).
     */
    interface DatabaseWork {
        long[] read();
    }

    /**
     * PostgreSQL's own statistics of one database ({@code pg_stat_database}), read on a connection of its own, and the
     * CPU time of the server processes serving that database (its backends, found by their process title in Linux's
     * {@code /proc}). The three systems share one PostgreSQL server on the same cores as the servers: what a system's
     * labelling costs the database counts in its throughput as much as its own JVM's CPU does.
     */
    static final class PostgresWork {
        static DatabaseWork counters(String url) {
            String database = databaseName(url);
            return () -> {
                // read before this method's own connection exists, so that its backend is not counted
                long backendMillis = backendCpuMillis(database);
                try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
                     java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_stat_clear_snapshot()");
                    try (java.sql.ResultSet row = statement.executeQuery("SELECT xact_commit, tup_returned + tup_fetched,"
                            + " tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database()")) {
                        row.next();
                        // this connection's own transactions (two) are counted too: negligible beside a phase's
                        return new long[]{row.getLong(1), row.getLong(2), row.getLong(3), backendMillis};
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("Could not read pg_stat_database: " + e.getMessage(), e);
                }
            };
        }

        /** The database of a {@code jdbc:postgresql://host:port/database?...} URL. */
        static String databaseName(String url) {
            String path = url.substring(url.indexOf("//") + 2);
            path = path.substring(path.indexOf('/') + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /**
         * CPU time (user + system, milliseconds) used so far by the live backends of one database: the processes whose
         * title is {@code postgres: <user> <database> <client> ...}. A backend that ended meanwhile is missing from a
         * later reading (the connection pools keep theirs); -1 without {@code /proc}.
         */
        static long backendCpuMillis(String database) {
            Path proc = Path.of("/proc");
            if (!Files.isDirectory(proc)) {
                return -1;
            }
            String title = "postgres: " + EmbeddedPostgres.USER + " " + database + " ";
            long ticks = 0;
            try (Stream<Path> processes = Files.list(proc)) {
                for (Path process : (Iterable<Path>) processes::iterator) {
                    if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                                .replace('\0', ' ');
                        if (!commandLine.startsWith(title)) {
                            continue;
                        }
                        ticks += CamundaComparisonServer.cpuTicks(process);
                    } catch (IOException | RuntimeException e) {
                        // the process ended while it was read
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return ticks * 10; // Linux's USER_HZ: 100 ticks a second
        }
    }

    private void compare(String database, Database databases, List<String> tremplinOnly) {
        Path jar = tremplinJar();
        List<String> tremplinArguments = new ArrayList<>(databases.arguments("tremplin"));
        tremplinArguments.addAll(tremplinOnly);
        tremplinArguments.addAll(List.of("--tremplin.demo.enabled=false", "--tremplin.admin.user=" + CamundaComparisonClients.Tremplin.STAFF,
                "--tremplin.admin.password=" + CamundaComparisonClients.Tremplin.PASSWORD));
        // -Dbenchmark.tremplin.arguments="--a=1 --b=2": more Spring arguments for Tremplin alone (an experiment's settings)
        String more = System.getProperty("benchmark.tremplin.arguments", "").trim();
        if (!more.isEmpty()) {
            tremplinArguments.addAll(List.of(more.split("\\s+")));
            System.out.printf("[%s] Tremplin's extra arguments: %s%n", database, more);
        }
        List<String> plainArguments = new ArrayList<>(databases.arguments("plain"));
        plainArguments.add("--spring.config.name=plain-camunda");
        List<String> authArguments = new ArrayList<>(databases.arguments("plain-auth"));
        authArguments.addAll(List.of("--spring.config.name=plain-camunda", "--plain.auth=true",
                "--camunda.bpm.authorization.enabled=true"));

        String tag = database.toLowerCase(Locale.ROOT);
        List<CamundaComparisonServer> servers = List.of(
                CamundaComparisonServer.tremplin("Tremplin", jar, RUN.resolve("tremplin-" + tag + ".log"), tremplinArguments),
                CamundaComparisonServer.mainClass("plain Camunda", PlainCamundaApplication.class.getName(),
                        RUN.resolve("plain-" + tag + ".log"), plainArguments),
                CamundaComparisonServer.mainClass("plain Camunda + auth", PlainCamundaApplication.class.getName(),
                        RUN.resolve("plain-auth-" + tag + ".log"), authArguments));
        Map<String, List<Double>> startupSeconds = new LinkedHashMap<>();
        Map<String, List<Double>> startupCpuSeconds = new LinkedHashMap<>();
        List<DatabaseWork> works = List.of("tremplin", "plain", "plain-auth").stream().map(databases::work).toList();
        List<Map<String, Figures>> rounds = new ArrayList<>();
        StringBuilder idle = new StringBuilder();
        StringBuilder gcPauses = new StringBuilder();
        String warmUpLine = "";
        try {
            for (int startup = 0; startup < STARTUPS; startup++) {
                for (CamundaComparisonServer server : servers) {
                    server.close(); // after the first start-up: restart on the same database
                    Duration took = server.start(START_TIMEOUT);
                    double cpu = server.cpuNanos() / 1e9; // less sensitive than the wall time to the machine's other load
                    startupSeconds.computeIfAbsent(server.name(), k -> new ArrayList<>()).add(took.toNanos() / 1e9);
                    startupCpuSeconds.computeIfAbsent(server.name(), k -> new ArrayList<>()).add(cpu);
                    System.out.printf("[%s] %s healthy (UP) after %.1f s, %.1f s of CPU%n", database, server.name(),
                            took.toNanos() / 1e9, cpu);
                }
            }
            List<Driver> drivers = List.of(
                    new CamundaComparisonClients.Tremplin(servers.get(0).name(), servers.get(0).baseUrl(), CONSORTIA),
                    new CamundaComparisonClients.Plain(servers.get(1).name(), servers.get(1).baseUrl(), false),
                    new CamundaComparisonClients.Plain(servers.get(2).name(), servers.get(2).baseUrl(), true));
            Map<Driver, Integer> labellings = new LinkedHashMap<>();
            Map<String, Integer> warmUps = new LinkedHashMap<>();
            if (PAUSE_OTHERS) {
                System.out.printf("[%s] the servers not measured are stopped (SIGSTOP) while another is warmed up or measured%n",
                        database);
            }
            for (int i = 0; i < drivers.size(); i++) {
                Driver driver = drivers.get(i);
                measureOnly(servers, i);
                driver.setUp();
                int four = WARM_UNTIL_COMPILED ? warmUntilCompiled(database, driver, servers.get(i)) : WARM_UP_LABELLINGS;
                if (!WARM_UNTIL_COMPILED) {
                    labelMany(driver, four, CLIENTS);
                }
                int one = WARM_UNTIL_COMPILED ? WARM_UP_ONE_CLIENT_COMPILED : WARM_UP_LABELLINGS / 4;
                labelMany(driver, one, 1);
                for (int s = 0; s < STARTS; s++) {
                    driver.startIdea(s);
                }
                int warmRounds = WARM_UNTIL_COMPILED ? warmRoundsUntilCompiled(database, driver, servers.get(i)) : 0;
                labellings.put(driver, four + one + warmRounds * (ONE_CLIENT_LABELLINGS + FOUR_CLIENT_LABELLINGS));
                warmUps.put(driver.name(), four);
                System.out.printf("[%s] %s warmed up: %d labellings with %d clients, %d with 1, then %d unmeasured rounds%n",
                        database, driver.name(), four, CLIENTS, one, warmRounds);
            }
            warmUpLine = warmUps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            // what the servers not being measured would cost the one that is (the machine has few cores)
            servers.forEach(CamundaComparisonServer::resume);
            long[] idleCpu = servers.stream().mapToLong(CamundaComparisonServer::cpuNanos).toArray();
            CamundaComparisonClients.pause(10_000);
            for (int i = 0; i < servers.size(); i++) {
                idle.append(String.format(Locale.ROOT, "%s%s %.0f ms/s", i == 0 ? "" : ", ", servers.get(i).name(),
                        (servers.get(i).cpuNanos() - idleCpu[i]) / 1e6 / 10));
            }
            System.out.printf("[%s] idle CPU over 10 s: %s%n", database, idle);
            int[] gcLogLines = servers.stream().mapToInt(CamundaComparisonServer::gcLogLines).toArray();
            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, Figures> figures = new LinkedHashMap<>();
                for (int i = 0; i < drivers.size(); i++) {
                    Driver driver = drivers.get(i);
                    measureOnly(servers, i);
                    Figures measured = measure(driver, servers.get(i), works.get(i), true);
                    labellings.merge(driver, ONE_CLIENT_LABELLINGS + FOUR_CLIENT_LABELLINGS, Integer::sum);
                    figures.put(driver.name(), measured);
                    System.out.printf("[%s] round %d %s: %s%n", database, round, driver.name(), measured);
                }
                rounds.add(figures);
            }
            servers.forEach(CamundaComparisonServer::resume);
            for (int i = 0; i < servers.size(); i++) {
                gcPauses.append(String.format(Locale.ROOT, "%n- %s: %s", servers.get(i).name(),
                        servers.get(i).gcPausesSince(gcLogLines[i])));
            }
            System.out.printf("[%s] the collectors' pauses in the rounds:%s%n", database, gcPauses);
            for (Driver driver : drivers) {
                assertThat(driver.grantedLabellings()).as("%s: lifecycles past a granted label", driver.name())
                        .isEqualTo(labellings.get(driver).longValue());
                System.out.printf("[%s] %s: %d labellings checked, %d lookups repeated%n", database, driver.name(),
                        labellings.get(driver), driver.retries());
            }
        } finally {
            servers.forEach(CamundaComparisonServer::close);
            removeDatabases();
        }
        String table = table(database, rounds, startupSeconds, startupCpuSeconds, warmUpLine)
                + String.format(Locale.ROOT, "Idle CPU of each server (while another is measured): %s.%n", idle)
                + String.format(Locale.ROOT, "The collectors' pauses in the rounds (-Xlog:gc):%s%n", gcPauses);
        System.out.println(table);
        try {
            Files.writeString(RUN.resolve("table-" + tag + ".md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * With {@link #PAUSE_OTHERS}: continues the server about to be warmed up or measured, stops the others, and gives
     * the first {@value #RESUMED_SETTLE_MILLIS} ms (a continued JVM first runs the timers it missed).
     */
    private static void measureOnly(List<CamundaComparisonServer> servers, int measured) {
        if (!PAUSE_OTHERS) {
            return;
        }
        servers.get(measured).resume();
        for (int i = 0; i < servers.size(); i++) {
            if (i != measured && !servers.get(i).suspend()) {
                System.out.printf("%s could not be stopped (no kill command?): it runs on while another is measured%n",
                        servers.get(i).name());
            }
        }
        CamundaComparisonClients.pause(RESUMED_SETTLE_MILLIS);
    }

    /** What one system did in one round. */
    record Figures(double startsPerSecond, double labellingsPerSecond, double fourClientLabellingsPerSecond,
                   double cpuMillisPerLabelling, double compilerMillisPerLabelling, double commitsPerLabelling,
                   double rowsReadPerLabelling, double rowsWrittenPerLabelling, double databaseCpuMillisPerLabelling,
                   double readYourWritesMillisPerLabelling, Map<String, Double> oneClientRequestMillis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "starts %.1f/s, labellings %.2f/s (1 client), %.2f/s (4 clients), CPU %.0f ms per labelling (4 clients, %.0f of it JIT compiler)",
                    startsPerSecond, labellingsPerSecond, fourClientLabellingsPerSecond, cpuMillisPerLabelling,
                    compilerMillisPerLabelling)
                    + (Double.isNaN(commitsPerLabelling) ? "" : String.format(Locale.ROOT,
                    ", %.0f commits, %.0f rows read, %.0f rows written per labelling", commitsPerLabelling,
                    rowsReadPerLabelling, rowsWrittenPerLabelling))
                    + (Double.isNaN(databaseCpuMillisPerLabelling) ? "" : String.format(Locale.ROOT,
                    ", database CPU %.0f ms per labelling", databaseCpuMillisPerLabelling))
                    + (Double.isNaN(readYourWritesMillisPerLabelling) ? "" : String.format(Locale.ROOT,
                    ", read-your-writes wait %.1f ms per labelling (1 client)", readYourWritesMillisPerLabelling));
        }
    }

    /**
     * The database's statistics are sent by each connection when it goes idle, at most every half second: before and
     * after the four-client phase the benchmark waits a little longer, so that they cover the phase, the read models'
     * work after the last step included.
     */
    private static final long DATABASE_WORK_SETTLE_MILLIS = 1_500;

    private static Figures measure(Driver driver, CamundaComparisonServer server, DatabaseWork work, boolean measured) {
        long start = System.nanoTime();
        for (int i = 0; i < STARTS; i++) {
            driver.startIdea(i);
        }
        double starts = STARTS / seconds(start);
        double waitedBefore = driver.readYourWritesMillis();
        Map<String, Long> requestsBefore = driver.requestNanos();
        start = System.nanoTime();
        labelMany(driver, ONE_CLIENT_LABELLINGS, 1);
        double one = ONE_CLIENT_LABELLINGS / seconds(start);
        double waited = (driver.readYourWritesMillis() - waitedBefore) / ONE_CLIENT_LABELLINGS;
        Map<String, Double> requestMillis = new java.util.TreeMap<>();
        driver.requestNanos().forEach((kind, nanos) -> requestMillis.put(kind,
                (nanos - requestsBefore.getOrDefault(kind, 0L)) / 1e6 / ONE_CLIENT_LABELLINGS));
        long[] databaseBefore = null;
        if (work != null) {
            CamundaComparisonClients.pause(DATABASE_WORK_SETTLE_MILLIS);
            databaseBefore = work.read();
        }
        long cpu = server.cpuNanos();
        Map<String, Long> compiler = server.compilerTicks();
        long began = System.currentTimeMillis();
        start = System.nanoTime();
        labelMany(driver, FOUR_CLIENT_LABELLINGS, CLIENTS);
        double four = FOUR_CLIENT_LABELLINGS / seconds(start);
        if (measured) {
            fourClientWindow(server, began, System.currentTimeMillis());
        }
        double cpuMillis = (server.cpuNanos() - cpu) / 1e6 / FOUR_CLIENT_LABELLINGS;
        double compilerMillis = CamundaComparisonServer.compilerMillisBetween(compiler, server.compilerTicks())
                / FOUR_CLIENT_LABELLINGS;
        double[] perLabelling = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        if (work != null) {
            CamundaComparisonClients.pause(DATABASE_WORK_SETTLE_MILLIS);
            long[] after = work.read();
            for (int i = 0; i < perLabelling.length; i++) {
                perLabelling[i] = databaseBefore[i] < 0 ? Double.NaN : (after[i] - databaseBefore[i]) / (double) FOUR_CLIENT_LABELLINGS;
            }
        }
        return new Figures(starts, one, four, cpuMillis, compilerMillis, perLabelling[0], perLabelling[1], perLabelling[2],
                perLabelling[3], waited, requestMillis);
    }

    /**
     * Appends a four-client phase's wall-clock window (the server's name, its first and last millisecond since the epoch)
     * to {@code four-client-windows.tsv} beside the run's logs, so that a flight recording of the whole run
     * ({@code -Dbenchmark.jfr=true}) can be read for those phases alone ({@code FlightRecordingWindows}).
     */
    private static void fourClientWindow(CamundaComparisonServer server, long first, long last) {
        try {
            Files.createDirectories(RUN);
            Files.writeString(RUN.resolve("four-client-windows.tsv"), server.name() + "\t" + first + "\t" + last + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.printf("Could not write the four-client window of %s: %s%n", server.name(), e);
        }
    }

    /**
     * Labellings with 4 clients in batches until the server's JIT compiler is mostly done: a server still compiling
     * pays for it in every figure (Tremplin's request threads took 73 ms of CPU a labelling after 600 labellings, 50
     * after 1,500, their compiler 53 then 3 ms; plain Camunda's settle sooner: src/docs/performance.md, session 35).
     * Returns how many it ran.
     */
    private static int warmUntilCompiled(String database, Driver driver, CamundaComparisonServer server) {
        int done = 0;
        int calm = 0;
        while (done < WARM_UP_MAX && calm < 2) {
            double[] compiler = compilerWhile(server, () -> labelMany(driver, WARM_UP_BATCH, CLIENTS));
            done += WARM_UP_BATCH;
            // without /proc the compiler cannot be read: two batches, as if it were done
            calm = Double.isNaN(compiler[0]) || compiler[0] <= WARM_UP_COMPILER_SHARE ? calm + 1 : 0;
            System.out.printf("[%s] %s warming up: %d labellings, the JIT compiler %s of the server's CPU in the last %d%n",
                    database, driver.name(), done, share(compiler), WARM_UP_BATCH);
        }
        return done;
    }

    /** The server's JIT compiler threads while some work ran: their share of the server's CPU, and their milliseconds. */
    private static double[] compilerWhile(CamundaComparisonServer server, Runnable work) {
        long cpu = server.cpuNanos();
        Map<String, Long> compiler = server.compilerTicks();
        work.run();
        double millis = CamundaComparisonServer.compilerMillisBetween(compiler, server.compilerTicks());
        return new double[]{millis / ((server.cpuNanos() - cpu) / 1e6), millis};
    }

    private static String share(double[] compiler) {
        return Double.isNaN(compiler[0]) ? "(unknown)"
                : String.format(Locale.ROOT, "%.0f %% (%.0f ms)", compiler[0] * 100, compiler[1]);
    }

    /**
     * Unmeasured rounds ({@link #measure} without the database's counters and without a window) until the server's JIT
     * compiler is mostly done with a round's whole mix of requests ({@link #WARM_UP_ROUND_COMPILER_SHARE}); returns how
     * many it ran.
     */
    private static int warmRoundsUntilCompiled(String database, Driver driver, CamundaComparisonServer server) {
        int done = 0;
        int calm = 0;
        while (done < WARM_UP_ROUNDS_MAX && calm < 2) {
            double[] compiler = compilerWhile(server, () -> measure(driver, server, null, false));
            done++;
            calm = Double.isNaN(compiler[0]) || compiler[0] <= WARM_UP_ROUND_COMPILER_SHARE ? calm + 1 : 0;
            System.out.printf("[%s] %s warming up: round %d unmeasured, the JIT compiler %s of the server's CPU in it%n",
                    database, driver.name(), done, share(compiler));
        }
        return done;
    }

    /** Labellings, numbered 0 to count − 1, by that many clients sharing them (one client: in order). */
    static void labelMany(Driver driver, int count, int clients) {
        if (clients == 1) {
            for (int i = 0; i < count; i++) {
                driver.labelling(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        driver.labelling(i);
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(driver.name() + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    // ------------------------------------------------------------------------------------------------ the table

    private static String table(String database, List<Map<String, Figures>> rounds, Map<String, List<Double>> startupSeconds,
                                Map<String, List<Double>> startupCpuSeconds, String warmUp) {
        List<String> systems = new ArrayList<>(rounds.get(0).keySet());
        String tremplin = systems.get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n#### %s, %d rounds (T, P, P+auth alternating), %d cores, %s%n%n", database,
                rounds.size(), Runtime.getRuntime().availableProcessors(), LocalDateTime.now().withNano(0)));
        out.append("| metric | ").append(String.join(" | ", systems)).append(" | Tremplin ÷ plain | Tremplin ÷ plain + auth |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        row(out, "idea started (start to first user task), requests/s, 1 client", rounds, systems, tremplin, Figures::startsPerSecond, "%.1f");
        row(out, "whole labellings/s, 1 client", rounds, systems, tremplin, Figures::labellingsPerSecond, "%.2f");
        row(out, "whole labellings/s, 4 clients", rounds, systems, tremplin, Figures::fourClientLabellingsPerSecond, "%.2f");
        row(out, "server CPU per labelling (ms), 4 clients", rounds, systems, tremplin, Figures::cpuMillisPerLabelling, "%.0f");
        if (!Double.isNaN(rounds.get(0).get(tremplin).compilerMillisPerLabelling())) {
            row(out, "of which the JIT compiler's threads (ms, at least)", rounds, systems, tremplin,
                    Figures::compilerMillisPerLabelling, "%.0f");
            row(out, "server CPU per labelling without the JIT compiler (ms)", rounds, systems, tremplin,
                    figures -> figures.cpuMillisPerLabelling() - figures.compilerMillisPerLabelling(), "%.0f");
        }
        if (!Double.isNaN(rounds.get(0).get(tremplin).commitsPerLabelling())) {
            row(out, "database transactions committed per labelling, 4 clients", rounds, systems, tremplin, Figures::commitsPerLabelling, "%.0f");
            row(out, "database rows read per labelling, 4 clients", rounds, systems, tremplin, Figures::rowsReadPerLabelling, "%.0f");
            row(out, "database rows written per labelling, 4 clients", rounds, systems, tremplin, Figures::rowsWrittenPerLabelling, "%.0f");
        }
        if (!Double.isNaN(rounds.get(0).get(tremplin).databaseCpuMillisPerLabelling())) {
            row(out, "database CPU per labelling (ms, its backends), 4 clients", rounds, systems, tremplin,
                    Figures::databaseCpuMillisPerLabelling, "%.0f");
            row(out, "server and database CPU per labelling without the JIT compiler (ms)", rounds, systems, tremplin,
                    figures -> figures.cpuMillisPerLabelling() - figures.compilerMillisPerLabelling()
                            + figures.databaseCpuMillisPerLabelling(), "%.0f");
        }
        if (!Double.isNaN(rounds.get(0).get(tremplin).readYourWritesMillisPerLabelling())) {
            // the time a labelling's writes waited for the read models, beside the time a labelling took
            out.append("| of a labelling's time with 1 client (ms): Tremplin's read-your-writes wait |");
            for (String system : systems) {
                out.append(' ').append(Double.isNaN(rounds.get(0).get(system).readYourWritesMillisPerLabelling()) ? "—"
                        : spread(rounds.stream().map(r -> r.get(system).readYourWritesMillisPerLabelling()).toList(), "%.1f")
                        + " of " + spread(rounds.stream().map(r -> 1000 / r.get(system).labellingsPerSecond()).toList(), "%.0f"))
                        .append(" |");
            }
            out.append(" | |\n");
        }
        // 4 clients ÷ 1 client, per system
        out.append("| labellings/s, 4 clients ÷ 1 client |");
        for (String system : systems) {
            List<Double> scaling = rounds.stream().map(r -> r.get(system).fourClientLabellingsPerSecond()
                    / r.get(system).labellingsPerSecond()).toList();
            out.append(' ').append(spread(scaling, "%.2f")).append(" |");
        }
        out.append(" | |\n");
        startupRow(out, "startup to health UP (s)", systems, tremplin, startupSeconds);
        startupRow(out, "CPU of the server until health UP (s)", systems, tremplin, startupCpuSeconds);
        out.append(String.format(Locale.ROOT, "%nEach cell: median (min–max) over the rounds; a ratio is taken round by round. Per round and "
                + "system: %d starts, %d labellings with 1 client, %d with %d clients; start-ups: %d per system (the first "
                + "on an empty database, then restarts). Tremplin's labellings take turns with %d consortia (each an SME carrier, "
                + "a large company, a lab). Requests per labelling: Tremplin %s, plain Camunda 13 (the start, then a task "
                + "lookup and a form submission per step). JVM flags of every server: %s. Warm-up, labellings with %d clients "
                + "before the rounds (%s): %s.%n", STARTS, ONE_CLIENT_LABELLINGS,
                FOUR_CLIENT_LABELLINGS, CLIENTS, startupSeconds.get(tremplin).size(), CONSORTIA,
                CamundaComparisonClients.Tremplin.TASK_LIST_FIRST
                        ? "17 (the start, two invitations, two joins, then a task-list lookup and a completion per step)"
                        : "11 (the start, two invitations, two joins, then one completion per step by project and step)",
                String.join(" ", CamundaComparisonServer.JVM_FLAGS), CLIENTS,
                WARM_UNTIL_COMPILED ? String.format(Locale.ROOT, "until the JIT compiler used at most %.0f %% of the "
                        + "server's CPU in two batches of %d in a row, then whole rounds unmeasured until it used at most "
                        + "%.0f %% in two rounds in a row", WARM_UP_COMPILER_SHARE * 100, WARM_UP_BATCH,
                        WARM_UP_ROUND_COMPILER_SHARE * 100)
                        : "a fixed number", warmUp));
        goalIntervals(out, rounds, systems, tremplin);
        oneClientBreakdown(out, rounds, systems, tremplin);
        return out.toString();
    }

    /**
     * The goal's three ratios ÷ each plain Camunda with a 90 % bootstrap interval of their median
     * ({@link RoundStatistics}, session 47): how far the median could move had the run drawn other rounds, so that a
     * median a hundredth over or under 0.7 is read with the uncertainty nine rounds leave.
     */
    private static void goalIntervals(StringBuilder out, List<Map<String, Figures>> rounds, List<String> systems,
                                      String tremplin) {
        Map<String, ToDoubleFunction<Figures>> measures = new LinkedHashMap<>();
        measures.put("starts", Figures::startsPerSecond);
        measures.put("one client", Figures::labellingsPerSecond);
        measures.put("four clients", Figures::fourClientLabellingsPerSecond);
        for (String plain : systems.subList(1, systems.size())) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, ToDoubleFunction<Figures>> measure : measures.entrySet()) {
                List<Double> ratios = rounds.stream().map(r -> measure.getValue().applyAsDouble(r.get(tremplin))
                        / measure.getValue().applyAsDouble(r.get(plain))).toList();
                double[] interval = RoundStatistics.medianInterval90(ratios, 47);
                parts.add(String.format(Locale.ROOT, "%s %.2f (%.2f–%.2f)", measure.getKey(), RoundStatistics.median(ratios),
                        interval[0], interval[1]));
            }
            out.append(String.format(Locale.ROOT, "Tremplin ÷ %s, median (90 %% bootstrap interval of the median, the "
                    + "rounds resampled %,d times): %s.%n", plain, RoundStatistics.RESAMPLES, String.join("; ", parts)));
        }
    }

    /**
     * Where a one-client labelling's time goes, by kind of request, as the client waited for each (retries included),
     * and what 0.7× bare plain Camunda leaves Tremplin beyond bare Camunda's own labelling: the two labellings are made
     * of different requests (Tremplin's consortium writes have no counterpart in plain Camunda's labelling, which looks
     * each task up before submitting its form), so the one-client ratio is read from these parts.
     */
    private static void oneClientBreakdown(StringBuilder out, List<Map<String, Figures>> rounds, List<String> systems,
                                           String tremplin) {
        out.append(String.format(Locale.ROOT, "%nA one-client labelling by kind of request (ms a labelling as the client "
                + "waited, retries included; median (min–max) over the rounds):%n%n| system | kind of request | ms |%n| --- | --- | --- |%n"));
        for (String system : systems) {
            for (String kind : rounds.get(0).get(system).oneClientRequestMillis().keySet()) {
                out.append("| ").append(system).append(" | ").append(kind).append(" | ")
                        .append(spread(rounds.stream().map(r -> r.get(system).oneClientRequestMillis().getOrDefault(kind, 0.0))
                                .toList(), "%.1f")).append(" |\n");
            }
        }
        String bare = systems.get(1);
        List<Double> budget = new ArrayList<>();
        List<Double> consortium = new ArrayList<>();
        List<Double> waited = new ArrayList<>();
        List<Double> processRatio = new ArrayList<>();
        for (Map<String, Figures> round : rounds) {
            double bareMillis = 1000 / round.get(bare).labellingsPerSecond();
            Map<String, Double> parts = round.get(tremplin).oneClientRequestMillis();
            double consortiumMillis = parts.getOrDefault(CamundaComparisonClients.CONSORTIUM, 0.0);
            budget.add(bareMillis / 0.7 - bareMillis);
            consortium.add(consortiumMillis);
            waited.add(round.get(tremplin).readYourWritesMillisPerLabelling());
            double tremplinProcess = parts.values().stream().mapToDouble(Double::doubleValue).sum() - consortiumMillis;
            double bareProcess = round.get(bare).oneClientRequestMillis().values().stream().mapToDouble(Double::doubleValue).sum();
            processRatio.add(bareProcess / tremplinProcess);
        }
        out.append(String.format(Locale.ROOT, "%n0.7× %s with one client leaves Tremplin %s ms a labelling more than %s's "
                        + "own labelling; of Tremplin's, the consortium's four writes (none in %s's labelling) took %s ms, and "
                        + "its writes' read-your-writes wait %s ms. Tremplin's start and six steps ÷ %s's start, look-ups "
                        + "and submissions (the same process, client time, as a ratio of speed): %s.%n",
                bare, spread(budget, "%.1f"), bare, bare, spread(consortium, "%.1f"), spread(waited, "%.1f"), bare,
                spread(processRatio, "%.2f")));
    }

    private static void startupRow(StringBuilder out, String metric, List<String> systems, String tremplin,
                                   Map<String, List<Double>> seconds) {
        out.append("| ").append(metric).append(" |");
        for (String system : systems) {
            out.append(' ').append(spread(seconds.get(system), "%.1f")).append(" |");
        }
        for (String plain : systems.subList(1, systems.size())) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < seconds.get(tremplin).size(); i++) {
                ratios.add(seconds.get(tremplin).get(i) / seconds.get(plain).get(i));
            }
            out.append(' ').append(spread(ratios, "%.2f")).append("× |");
        }
        out.append('\n');
    }

    private static void row(StringBuilder out, String metric, List<Map<String, Figures>> rounds, List<String> systems,
                            String tremplin, ToDoubleFunction<Figures> value, String format) {
        out.append("| ").append(metric).append(" |");
        for (String system : systems) {
            out.append(' ').append(spread(rounds.stream().map(r -> value.applyAsDouble(r.get(system))).toList(), format)).append(" |");
        }
        for (String plain : systems.subList(1, systems.size())) {
            List<Double> ratios = rounds.stream().map(r -> value.applyAsDouble(r.get(tremplin)) / value.applyAsDouble(r.get(plain))).toList();
            out.append(' ').append(spread(ratios, "%.2f")).append(metric.contains("CPU") || metric.contains("JIT") || metric.startsWith("database") ? "×" : "").append(" |");
        }
        out.append('\n');
    }

    /** "median (min–max)". */
    static String spread(List<Double> values, String format) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median, sorted.get(0), sorted.get(n - 1));
    }

    /** {@code -Dtremplin.jar=}, else the one {@code target/tremplin-*.jar} that {@code mvn package} built. */
    private static Path tremplinJar() {
        String configured = System.getProperty("tremplin.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> target = Files.list(Path.of("target"))) {
            return target.filter(p -> p.getFileName().toString().matches("tremplin-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/tremplin-*.jar: run mvn -o package -DskipTests first"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.Processes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./wallet bench --recovery}: the recovery benchmark.
 *
 * <p>Target (the issue's contract): with 1,000,000 wallets and 10,000,000 changes in PostgreSQL, the
 * REST API is ready (/health answers 200) within 10 s of starting, with at most 1 GB of live heap.
 *
 * <p>How: on a fresh topic and database, the REST API and the batch consumer start once and open
 * one wallet, the seed, through the service's own write path; the batch consumer persists it and
 * stores its topic position. Both stop. bench/recovery-data.sql then generates the other wallets and
 * changes with SQL, older than the seed, so PostgreSQL holds N wallets and M changes and still points
 * at a real message of the topic (the REST API refuses to start otherwise). Then the REST API starts
 * alone, timed from the process's start to the first 200 on /health; a full GC ({@code jcmd GC.run})
 * then {@code jcmd GC.heap_info} give the live heap. A GET shows a generated balance; retrying a
 * generated reference, the newest and the oldest of a wallet, must replay and leave the balance
 * alone. Prints a table and writes the Recovery section of bench/RESULTS.md.
 */
final class RecoveryBenchCommand {

    /** The sizes and choices of a run, from the environment (see {@code ./wallet help}). */
    record Options(long wallets, long changes, String javaOptions, boolean keep, Optional<String> reuseDatabase,
            Duration readyTimeout) {

        static Options fromEnvironment(Map<String, String> environment) {
            Optional<String> reuse = Optional.ofNullable(environment.get("RECOVERY_REUSE_DB")).filter(v -> !v.isEmpty());
            if (reuse.isPresent() && !reuse.get().matches("wallet_recovery_[0-9]{1,20}")) {
                throw new StackFailure("RECOVERY_REUSE_DB must name a wallet_recovery_<run> database");
            }
            long wallets = number(environment, "RECOVERY_WALLETS", 1_000_000);
            long changes = number(environment, "RECOVERY_CHANGES", 10_000_000);
            if (reuse.isEmpty() && !(wallets >= 2 && changes >= wallets)) {
                throw new StackFailure("needs RECOVERY_WALLETS >= 2 and RECOVERY_CHANGES >= RECOVERY_WALLETS");
            }
            return new Options(wallets, changes, environment.getOrDefault("RECOVERY_JAVA_OPTS", "-Xmx4g"),
                    "1".equals(environment.get("RECOVERY_KEEP")), reuse,
                    Duration.ofSeconds(number(environment, "RECOVERY_READY_TIMEOUT", 600)));
        }

        private static long number(Map<String, String> environment, String name, long fallback) {
            String value = environment.get(name);
            if (value == null || value.isEmpty()) {
                return fallback;
            }
            if (!value.matches("[0-9]{1,12}")) {
                throw new StackFailure(name + " must be a whole number (not " + value + ")");
            }
            return Long.parseLong(value);
        }

        List<String> javaOptionList() {
            return Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        }
    }

    /**
     * What the timed start measured.
     *
     * @param readySeconds from the process's start to the first 200 on /health
     * @param loadSeconds from the log line "loading wallets" to "wallet writer serving", "n/a" if one is missing
     * @param liveHeapMb used heap after a full GC
     * @param peakHeapMb the largest heap before a collection during startup, "n/a" if the GC log has none
     * @param peakRssMb the process's peak resident memory
     */
    record Startup(double readySeconds, String loadSeconds, long liveHeapMb, String peakHeapMb, long peakRssMb) {}

    static final int READY_TARGET_SECONDS = 10;
    static final long LIVE_HEAP_TARGET_MB = 1024;
    static final String SEED_WALLET = "recovery-seed";
    static final long SEED_CENTS = 100;
    /** Generated wallets are w0000001 ... (see recovery-data.sql). */
    static final String WALLET_PREFIX = "w";
    static final Duration SEED_TIMEOUT = Duration.ofSeconds(120);
    static final Duration GENERATE_TIMEOUT = Duration.ofSeconds(3600);
    static final Duration JCMD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Pattern GC_HEAP_BEFORE = Pattern.compile(" (\\d+)M->\\d+M\\(");
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern BALANCE = Pattern.compile("\"balance\"\\s*:\\s*(-?\\d+)");
    private static final Pattern LOG_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T(\\d{2}):(\\d{2}):(\\d{2}\\.\\d{3})");

    private final BenchStack bench;
    private final StackPaths paths;
    private final Options options;
    private final List<String> checks = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private String database;
    private String topicName;
    private String topic;
    private long wallets;
    private long changes;
    private String generateSeconds;

    RecoveryBenchCommand(Stack stack, Map<String, String> environment) {
        String runId = BenchStack.newRunId();
        this.options = Options.fromEnvironment(environment);
        this.bench = new BenchStack(stack, environment, "recovery-" + runId, runId);
        this.paths = stack.paths;
        this.database = options.reuseDatabase().orElse("wallet_recovery_" + runId);
        this.topicName = "recovery-" + runId;
        this.topic = "persistent://public/default/" + topicName;
    }

    int run() {
        return bench.runThenClose(this::measure);
    }

    private int apiPort() {
        return bench.settings().apiPort();
    }

    private void measure() {
        if (BenchStack.java("jcmd").equals("jcmd") && !Prerequisites.onPath("jcmd")) {
            throw new StackFailure("jcmd is missing: it comes with a JDK (Debian package: openjdk-17-jdk-headless)");
        }
        bench.requireFreePorts(apiPort());
        bench.requireCurrentJars(List.of(paths.restApiJar(), paths.batchConsumerJar()));
        bench.requireInfrastructure();
        prepare();
        Startup startup = timedStart();
        sanityChecks();
        bench.stop(Stack.REST_API);
        String table = table(startup);
        bench.console.print("\n" + table + "\n");
        checks.forEach(check -> bench.console.print("check: " + check + "\n"));
        if (!failed.isEmpty()) {
            failed.forEach(failure -> bench.console.printError("FAILED: " + failure + "\n"));
            throw new StackFailure("sanity checks failed; bench/RESULTS.md left as it was; logs in "
                    + bench.show(bench.work));
        }
        writeResults(table);
        if (options.reuseDatabase().isEmpty() && options.keep()) {
            bench.console.say("kept " + database + " and " + topic + "; time again with: RECOVERY_REUSE_DB=" + database
                    + " ./wallet bench --recovery");
            bench.console.say("remove them with: psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE " + database + "' and");
            bench.console.say("  curl -X DELETE '" + bench.pulsarAdmin() + "/admin/v2/persistent/public/default/"
                    + topicName + "?force=true'");
        }
    }

    /** A database with the wallets and changes asked for, whose stored position is in the topic. */
    private void prepare() {
        if (options.reuseDatabase().isPresent()) {
            bench.useDatabase(database);
            topic = bench.query("SELECT partition FROM consumer_positions")
                    .orElseThrow(() -> new StackFailure("no stored position in " + database));
            if (!topic.matches("persistent://public/default/recovery-[0-9]+")) {
                throw new StackFailure(database + "'s stored position is of topic '" + topic + "'");
            }
            topicName = topic.substring(topic.lastIndexOf('/') + 1);
            wallets = bench.number("SELECT count(*) FROM wallets");
            changes = bench.number("SELECT count(*) FROM transactions");
            generateSeconds = "reused " + database;
            bench.console.say("reusing " + database + " (" + wallets + " wallets, " + changes + " changes) and " + topic);
            return;
        }
        wallets = options.wallets();
        changes = options.changes();
        bench.createDatabase(database);
        bench.deleteOnClose(topicName);
        if (options.keep()) {
            bench.keep();
        }
        seed();
        generate();
        if (bench.number("SELECT count(*) FROM wallets") != wallets
                || bench.number("SELECT count(*) FROM transactions") != changes) {
            throw new StackFailure("the database does not hold " + wallets + " wallets and " + changes + " changes");
        }
    }

    /**
     * The one real event: the REST API opens the seed wallet on the fresh topic, the batch consumer
     * persists it with its position; both stop. (Both run Flyway's migrations when they open the
     * database; whichever comes first creates the schema.)
     */
    private void seed() {
        bench.console.say("seeding: the REST API and the batch consumer open " + SEED_WALLET + " on " + topic
                + ", database " + database);
        bench.start("seed-batch-consumer", paths.batchConsumerJar(), List.of(), List.of(), bench.appEnvironment(topic));
        bench.start("seed-rest-api", paths.restApiJar(), List.of(), List.of(), bench.restApiEnvironment(topic));
        bench.awaitHealth("seed-rest-api", apiPort(), SEED_TIMEOUT);
        if (bench.postToApi("/wallet/" + SEED_WALLET, "{\"amount\": " + SEED_CENTS + "}")
                .statusCode() != 201) {
            throw new StackFailure("could not open " + SEED_WALLET);
        }
        bench.await("the batch consumer to persist " + SEED_WALLET, SEED_TIMEOUT, POLL, "seed-batch-consumer",
                this::seedPersisted, "the batch consumer did not persist " + SEED_WALLET + " within "
                        + SEED_TIMEOUT.toSeconds() + "s");
        bench.stop("seed-rest-api");
        bench.stop("seed-batch-consumer");
    }

    private boolean seedPersisted() {
        try {
            return bench.query("SELECT (SELECT count(*) FROM consumer_positions) = 1 AND EXISTS (SELECT FROM"
                    + " transactions WHERE wallet_id = ?)", SEED_WALLET).equals(Optional.of("t"));
        } catch (StackFailure notYetMigrated) {
            return false;
        }
    }

    /** Runs bench/recovery-data.sql, statement by statement, with its settings; cancelled by a stop signal. */
    private void generate() {
        String seedAt = bench.query("SELECT occurred_at::text FROM transactions WHERE wallet_id = ?", SEED_WALLET)
                .orElseThrow(() -> new StackFailure("no seed event in " + database));
        Path script = paths.root().resolve("bench/recovery-data.sql");
        List<String> statements;
        try {
            statements = SqlScript.statements(Files.readString(script));
        } catch (IOException failure) {
            throw new StackFailure("cannot read " + bench.show(script) + ": " + failure.getMessage());
        }
        bench.console.say("generating " + (wallets - 1) + " wallets and " + (changes - 1)
                + " changes with SQL (bench/recovery-data.sql)");
        long started = System.nanoTime();
        try (Connection connection = bench.connect(GENERATE_TIMEOUT.plusSeconds(60));
                Progress.Ticker progress = bench.console.progress("generating")) {
            setParameters(connection, Map.of("wallets", Long.toString(wallets - 1), "changes",
                    Long.toString(changes - 1), "prefix", WALLET_PREFIX, "seed_at", seedAt));
            long deadline = System.nanoTime() + GENERATE_TIMEOUT.toNanos();
            for (String sql : statements) {
                execute(connection, sql, deadline);
            }
        } catch (SQLException failure) {
            BenchStack.checkStop();
            throw new StackFailure("generating failed: " + failure.getMessage());
        }
        generateSeconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9);
    }

    private static void setParameters(Connection connection, Map<String, String> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                statement.setString(1, "recovery_data." + parameter.getKey());
                statement.setString(2, parameter.getValue());
                statement.execute();
            }
        }
    }

    /** Runs one statement within what is left until {@code deadline}; a stop signal cancels it. */
    private static void execute(Connection connection, String sql, long deadline) throws SQLException {
        BenchStack.checkStop();
        long remainingSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-stop-watcher");
            thread.setDaemon(true);
            return thread;
        });
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, remainingSeconds));
            watcher.scheduleAtFixedRate(() -> {
                if (StopSignals.received().isPresent()) {
                    try {
                        statement.cancel();
                    } catch (SQLException ignored) {
                        // The statement ended meanwhile.
                    }
                }
            }, 200, 200, TimeUnit.MILLISECONDS);
            statement.execute(sql);
        } finally {
            watcher.shutdownNow();
        }
    }

    /** Starts the REST API alone and measures its start. */
    private Startup timedStart() {
        bench.console.say("timing the REST API (" + options.javaOptions() + ") on " + database + " and " + topic);
        Path gcLog = bench.work.resolve("rest-api-gc.log");
        List<String> jvmOptions = new ArrayList<>(options.javaOptionList());
        jvmOptions.add("-Xlog:gc:file=" + gcLog);
        long started = System.nanoTime();
        long pid = bench.start(Stack.REST_API, paths.restApiJar(), jvmOptions, List.of(),
                bench.restApiEnvironment(topic));
        bench.awaitHealth(Stack.REST_API, apiPort(), options.readyTimeout());
        double readySeconds = (System.nanoTime() - started) / 1e9;
        String loadSeconds = secondsBetween(bench.read(bench.log(Stack.REST_API)), "loading wallets",
                "wallet writer serving");
        String peakHeap = peakHeapMb(bench.read(gcLog));
        jcmd(pid, "GC.run");
        long liveHeap = liveHeapMb(jcmd(pid, "GC.heap_info"));
        return new Startup(readySeconds, loadSeconds, liveHeap, peakHeap, peakRssMb(pid));
    }

    private String jcmd(long pid, String command) {
        try {
            return Processes.run(List.of(BenchStack.java("jcmd"), Long.toString(pid), command), JCMD_TIMEOUT);
        } catch (IOException failure) {
            throw new StackFailure("jcmd " + pid + " " + command + " failed: " + failure.getMessage());
        }
    }

    /**
     * {@return seconds between the first log lines holding {@code first} and {@code second}, from
     * the ISO-8601 UTC dates they start with (yyyy-MM-ddTHH:mm:ss.SSSZ), one decimal; "n/a" when either
     * is missing}
     */
    static String secondsBetween(String log, String first, String second) {
        Optional<Double> from = stampOfFirst(log, first);
        Optional<Double> to = stampOfFirst(log, second);
        if (from.isEmpty() || to.isEmpty()) {
            return "n/a";
        }
        double seconds = ((to.get() - from.get()) % 86_400 + 86_400) % 86_400; // across midnight
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static Optional<Double> stampOfFirst(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).findFirst().map(LOG_TIME::matcher)
                .filter(Matcher::find).map(stamp -> Integer.parseInt(stamp.group(1)) * 3600.0
                        + Integer.parseInt(stamp.group(2)) * 60.0 + Double.parseDouble(stamp.group(3)));
    }

    /** {@return the largest heap before a collection in a -Xlog:gc log, in MB; "n/a" if it shows none} */
    static String peakHeapMb(String gcLog) {
        Matcher matcher = GC_HEAP_BEFORE.matcher(gcLog);
        long peak = 0;
        while (matcher.find()) {
            peak = Math.max(peak, Long.parseLong(matcher.group(1)));
        }
        return peak == 0 ? "n/a" : Long.toString(peak);
    }

    /** {@return the used heap in {@code jcmd <pid> GC.heap_info}'s answer, all generations, in MB (rounded)} */
    static long liveHeapMb(String heapInfo) {
        Matcher matcher = HEAP_USED.matcher(heapInfo);
        long usedKb = 0;
        boolean found = false;
        while (matcher.find()) {
            usedKb += Long.parseLong(matcher.group(1));
            found = true;
        }
        if (!found) {
            throw new StackFailure("GC.heap_info shows no used heap:\n" + heapInfo);
        }
        return Math.round(usedKb / 1024.0);
    }

    private static long peakRssMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024).orElse(0L);
        } catch (IOException gone) {
            throw new StackFailure("the REST API exited before its peak memory could be read");
        }
    }

    private long balance(String wallet) {
        HttpResponse<String> answer = bench.getFromApi("/wallet/" + wallet);
        Matcher balance = BALANCE.matcher(answer.body());
        if (answer.statusCode() != 200 || !balance.find()) {
            throw new StackFailure("GET /wallet/" + wallet + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return Long.parseLong(balance.group(1));
    }

    private void sanityChecks() {
        String wallet = bench.query("SELECT wallet_id FROM wallets WHERE wallet_id <> ? AND last_sequence >= 3"
                + " ORDER BY wallet_id OFFSET (SELECT count(*) / 2 FROM wallets) LIMIT 1", SEED_WALLET)
                .or(() -> bench.query("SELECT wallet_id FROM wallets WHERE last_sequence >= 3 ORDER BY wallet_id LIMIT 1"))
                .orElseThrow(() -> new StackFailure("no generated wallet with an ADD and a REMOVE; raise RECOVERY_CHANGES"));
        long expected = bench.number("SELECT balance_cents FROM wallets WHERE wallet_id = ?", wallet);
        long actual = balance(wallet);
        checks.add("GET /wallet/" + wallet + ": balance " + actual + " (PostgreSQL: " + expected + ")");
        if (actual != expected) {
            failed.add("GET /wallet/" + wallet + " answered balance " + actual + "; PostgreSQL holds " + expected);
        }
        long seed = balance(SEED_WALLET);
        checks.add("GET /wallet/" + SEED_WALLET + ": balance " + seed + " (opened with " + SEED_CENTS + ")");
        if (seed != SEED_CENTS) {
            failed.add("GET /wallet/" + SEED_WALLET + " answered balance " + seed + ", not " + SEED_CENTS);
        }
        long lastAdd = bench.number("SELECT max(sequence) FROM transactions WHERE wallet_id = ? AND kind = 'ADD'", wallet);
        checkReplay(wallet, lastAdd, "its newest ADD");
        if (lastAdd != 2) {
            checkReplay(wallet, 2, "its oldest ADD");
        }
    }

    /** Retries the generated ADD at {@code sequence}: it must replay (201, Idempotent-Replayed: true) and leave the balance. */
    private void checkReplay(String wallet, long sequence, String label) {
        String reference = bench.query("SELECT reference FROM transactions WHERE wallet_id = ? AND sequence = ?"
                + " AND kind = 'ADD'", wallet, sequence)
                .orElseThrow(() -> new StackFailure("no generated ADD at " + wallet + " #" + sequence));
        long amount = bench.number("SELECT amount_cents FROM transactions WHERE wallet_id = ? AND sequence = ?",
                wallet, sequence);
        long before = balance(wallet);
        HttpResponse<String> reply = bench.postToApi("/add-funds/" + wallet,
                "{\"amount\": " + amount + ", \"reference\": \"" + reference + "\"}");
        boolean replayed = reply.headers().firstValue("Idempotent-Replayed").filter("true"::equalsIgnoreCase).isPresent();
        long after = balance(wallet);
        checks.add("retry of " + label + " " + reference + " (" + amount + " cents) on " + wallet + ": HTTP "
                + reply.statusCode() + ", Idempotent-Replayed " + (replayed ? "true" : "absent") + ", balance " + before
                + " -> " + after);
        if (reply.statusCode() != 201 || !replayed || before != after) {
            failed.add("retry of " + label + " " + reference + " on " + wallet + " did not replay: HTTP "
                    + reply.statusCode() + ", balance " + before + " -> " + after + "; reply: " + reply.body());
        }
    }

    private String table(Startup startup) {
        String ready = String.format(Locale.ROOT, "%.2f", startup.readySeconds());
        return "| wallets | changes | data generation s | REST API JVM options | ready s | of which loading s"
                + " | live heap MB | peak heap MB | peak RSS MB |\n"
                + "|---:|---:|---:|---|---:|---:|---:|---:|---:|\n"
                + "| " + wallets + " | " + changes + " | " + generateSeconds + " | `" + options.javaOptions() + "` | "
                + ready + " | " + startup.loadSeconds() + " | " + startup.liveHeapMb() + " | " + startup.peakHeapMb()
                + " | " + startup.peakRssMb() + " |\n\n"
                + Target.table(List.of(
                        Target.atMost("ready within " + READY_TARGET_SECONDS + " s of starting", ready + " s",
                                startup.readySeconds(), READY_TARGET_SECONDS),
                        Target.atMost("at most 1 GB (" + LIVE_HEAP_TARGET_MB + " MB) of live heap",
                                startup.liveHeapMb() + " MB", startup.liveHeapMb(), LIVE_HEAP_TARGET_MB)));
    }

    /** Replaces the Recovery section of bench/RESULTS.md; {@code ./wallet bench} keeps it. */
    private void writeResults(String table) {
        Machine.Commit commit = Machine.commit(paths.root(), "bench/RESULTS.md");
        String machine = Machine.summary() + ", " + Machine.javaVersion();
        String reproduce = "RECOVERY_WALLETS=" + wallets + " RECOVERY_CHANGES=" + changes + " RECOVERY_JAVA_OPTS='"
                + options.javaOptions() + "' ./wallet bench --recovery";
        String section = String.join("\n",
                ResultsFile.RECOVERY_BEGINS,
                "## Recovery",
                "",
                "Written by `./wallet bench --recovery` (" + Machine.nowToTheMinute() + ", commit "
                        + commit.described() + "). Reproduce:",
                "`" + reproduce + "`.",
                "",
                "Machine: " + machine + ". PostgreSQL " + bench.query("SHOW server_version").orElse("unknown")
                        + ", Pulsar standalone on the same machine; the database's files were in the OS page cache"
                        + " (generated just before).",
                "",
                table.stripTrailing(),
                "",
                "Sanity checks after startup:",
                String.join("\n", checks.stream().map(check -> "- " + check).toList()),
                "",
                "The REST API starts on a database of generated history (bench/recovery-data.sql) whose stored topic"
                        + " position is that of one real event, the seed wallet's opening, written through the REST API"
                        + " and persisted by the batch consumer; the topic holds nothing after it but the barriers of"
                        + " each start. Ready: from the process's start to the first 200 on `/health` (polled every"
                        + " 0.1 s). Load: from the log line \"loading wallets\" to \"wallet writer serving\". Live heap:"
                        + " used heap (`jcmd GC.heap_info`) after a full GC (`jcmd GC.run`) once ready. Peak heap: the"
                        + " largest heap before a collection in the GC log during startup. Logs: "
                        + bench.show(bench.work) + "/.",
                ResultsFile.RECOVERY_ENDS);
        ResultsFile results = new ResultsFile(paths.root().resolve("bench/RESULTS.md"));
        results.write(ResultsFile.withRecoverySection(results.read(), section));
        bench.console.say("recovery section written to bench/RESULTS.md");
    }
}

package com.acme.wallet.devstack;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./wallet bench}: the same-run benchmark of issue 5 (see bench/README.md).
 *
 * <p>One run, one machine: PostgreSQL and Pulsar ({@code ./wallet up --infra-only} if they do not
 * run), the REST API and the batch consumer on a fresh topic and database, then, with the same load
 * generators: (a) the seed's hey command, (b) wrk on 10,000 wallets, (c) wrk on one hot wallet,
 * (d) the two ceilings, a bare Javalin server and a naive one-Pulsar-message-per-request server,
 * (e) PostgreSQL's catch-up after (b) and the batch consumer's rate on a pre-filled topic, (f) wrk
 * playing rounds of bets, wins and rollbacks on the wallets of (b). Balances are checked after (b),
 * (c), (f) and (e). Prints one table and writes bench/RESULTS.md. Every load is bounded in time and
 * sent to 127.0.0.1 only.
 *
 * <p>Environment: {@code BENCH_SECONDS} (each wrk run, default 30), {@code BENCH_JFR=1} (a JFR
 * profile of the REST API in {@code data/bench/<run>/rest-api.jfr}); {@code WALLET_BATCH_MAX_EVENTS}
 * and {@code WALLET_BATCH_MAX_WAIT_MS} reach the batch consumer.
 */
final class BenchCommand {

    static final int DEFAULT_SECONDS = 30;
    static final int MAX_SECONDS = 3600;
    static final int CONNECTIONS = 50;
    static final int WALLETS = 10_000;
    static final int HEY_REQUESTS = 100_000;
    static final int BARE_PORT = 8091;
    static final int NAIVE_PORT = 8092;
    static final long OPENING_CENTS = 100_000_000;
    /** The wrk script of every run but (f): adds and removes, in bench/. */
    static final String CHANGES_SCRIPT = "changes.lua";
    /** The wrk script of (f): bets, each settled by a win or a rollback, in bench/. */
    static final String BETTING_SCRIPT = "betting.lua";
    static final Duration HEY_TIMEOUT = Duration.ofMinutes(10);
    static final Duration OPEN_TIMEOUT = Duration.ofMinutes(10);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(300);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(600);
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);
    private static final Duration COUNT_POLL = Duration.ofMillis(100);
    private static final String REST_API = Stack.REST_API;
    private static final String CONSUMER = Stack.BATCH_CONSUMER;
    private static final String SUBSCRIPTION = "wallet-batch-consumer";
    private static final Pattern BACKLOG = Pattern.compile("\"msgBacklog\"\\s*:\\s*(\\d+)");
    private static final Pattern CHECK_PASSED = Pattern.compile("CHECK PASSED.*");
    /**
     * The load runs in the order {@link #measure} makes them, named by their logs, so that each says
     * which of them it is ({@code run 3 of 8}).
     */
    static final List<String> LOAD_RUNS = List.of("hey-a", "hey-d1", "wrk-b", "wrk-c", "wrk-f", "wrk-e", "wrk-d1",
            "wrk-d2");
    private static final List<String> BATCH_SETTINGS = List.of("WALLET_BATCH_MAX_EVENTS", "WALLET_BATCH_MAX_WAIT_MS");

    private final BenchStack bench;
    private final StackPaths paths;
    private final Map<String, String> environment;
    private final int seconds;
    private final String topicName;
    private final String topic;
    private final String naiveTopicName;
    private final List<LoadResult> runs = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<String> cpuRows = new ArrayList<>();
    /** How long PostgreSQL took to catch up after (b). */
    private double catchUpSeconds;

    BenchCommand(Stack stack, Map<String, String> environment) {
        String runId = BenchStack.newRunId();
        this.bench = new BenchStack(stack, environment, runId, runId);
        this.paths = stack.paths;
        this.environment = environment;
        this.seconds = seconds(environment.get("BENCH_SECONDS"));
        this.topicName = "bench-" + runId;
        this.topic = "persistent://public/default/" + topicName;
        this.naiveTopicName = "bench-naive-" + runId;
    }

    /** {@return BENCH_SECONDS, checked: 1 to 3600, default 30} */
    static int seconds(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_SECONDS;
        }
        if (!value.matches("[1-9][0-9]{0,3}") || Integer.parseInt(value) > MAX_SECONDS) {
            throw new StackFailure("BENCH_SECONDS takes 1 to " + MAX_SECONDS + " (seconds per wrk run), not " + value);
        }
        return Integer.parseInt(value);
    }

    int run() {
        return bench.runThenClose(this::measure);
    }

    private int apiPort() {
        return bench.settings().apiPort();
    }

    private String api() {
        return bench.api();
    }

    private Path benchmarksJar() {
        return paths.root().resolve("benchmarks/target/benchmarks.jar");
    }

    private void measure() {
        installTools();
        bench.requireFreePorts(apiPort(), BARE_PORT, NAIVE_PORT);
        bench.requireCurrentJars(List.of(paths.restApiJar(), paths.batchConsumerJar(), benchmarksJar()));
        bench.requireInfrastructure();
        String database = "wallet_bench_" + bench.runId;
        bench.createDatabase(database);
        bench.deleteOnClose(topicName);
        bench.deleteOnClose(naiveTopicName);
        bench.console.step("starting the REST API and the batch consumer on topic " + topic + ", database " + database);
        startConsumer();
        startRestApi();
        bench.start("bare-server", benchmarksJar(), List.of(), List.of("bare-server", "--port",
                Integer.toString(BARE_PORT)), Map.of());
        bench.awaitHealth("bare-server", BARE_PORT, BenchStack.READY_TIMEOUT);

        LoadResult a = replayPath();
        LoadResult bareHey = hey("d1", "d1. HTTP ceiling (bare Javalin), hey", "http://localhost:" + BARE_PORT
                + "/add-funds/andrei");
        LoadResult b = durable();
        LoadResult c = hotWallet();
        LoadResult f = betting();
        SameRunReport.ConsumerRate consumer = consumerOnPrefilledTopic();
        bench.stop(REST_API);
        LoadResult bareWrk = wrk("d1", "d1. HTTP ceiling (bare Javalin), wrk", CHANGES_SCRIPT,
                "http://127.0.0.1:" + BARE_PORT, WALLETS, "u");
        bench.stop("bare-server");
        LoadResult naive = naiveCeiling();
        report(new SameRunReport(runs, a, bareHey, b, c, f, bareWrk, naive, consumer, catchUpSeconds, cpuRows));
    }

    /** (a) The seed's command after creating andrei; andrei must then have been credited once. */
    private LoadResult replayPath() {
        if (bench.postToApi("/wallet/andrei", "{\"amount\": 0}").statusCode() != 201) {
            throw new StackFailure("could not create andrei");
        }
        LoadResult a = hey("a", "a. replay path (REST API)", "http://localhost:" + apiPort() + "/add-funds/andrei");
        String andrei = bench.getFromApi("/wallet/andrei").body();
        if (!andrei.equals("{\"userId\":\"andrei\",\"balance\":10}")) {
            throw new StackFailure("andrei after 100,000 identical credits: " + andrei + " (expected balance 10)");
        }
        return a;
    }

    /** (b) The durable workload on 10,000 wallets, the consumer running; then PostgreSQL's catch-up. */
    private LoadResult durable() {
        openWallets("u", WALLETS, 16);
        awaitDrained();
        CpuSample before = cpu();
        LoadResult b = wrk("b", "b. durable, 10,000 wallets", CHANGES_SCRIPT, api(), WALLETS, "u");
        cpuRows.add(CpuSample.shareRow("b", before, cpu()));
        catchUpSeconds = awaitDrained();
        checkBalances("b");
        if (bench.number("SELECT count(*) FROM transactions WHERE wallet_id = 'andrei' AND reference = 'wonbet-1'") != 1) {
            throw new StackFailure("PostgreSQL does not hold andrei's wonbet-1 exactly once");
        }
        return b;
    }

    /** (c) One hot wallet, the consumer running as in (b). */
    private LoadResult hotWallet() {
        openWallets("hot", 1, 1);
        awaitDrained();
        CpuSample before = cpu();
        LoadResult c = wrk("c", "c. durable, one hot wallet", CHANGES_SCRIPT, api(), 1, "hot");
        cpuRows.add(CpuSample.shareRow("c", before, cpu()));
        awaitDrained();
        checkBalances("c");
        return c;
    }

    /**
     * (f) Rounds of a game on the wallets of (b), the consumer running as in (b): bets, each settled
     * by a win or a rollback, and a few tombstones. Then the money-conservation checker, and what
     * PostgreSQL holds of each kind of leg.
     */
    private LoadResult betting() {
        awaitDrained();
        CpuSample before = cpu();
        LoadResult f = wrk("f", "f. durable, betting mix, 10,000 wallets", BETTING_SCRIPT, api(), WALLETS, "u");
        cpuRows.add(CpuSample.shareRow("f", before, cpu()));
        awaitDrained();
        checkBalances("f");
        checkLegs("f");
        return f;
    }

    /**
     * Counts the legs of rounds PostgreSQL holds. A run whose rounds were never settled (the script
     * sent bets only) or never played is no betting mix, even without an error: it fails.
     */
    private void checkLegs(String label) {
        long bets = bench.number("SELECT count(*) FROM transactions WHERE kind = 'BET' AND outcome = 'APPLIED'");
        long wins = bench.number("SELECT count(*) FROM transactions WHERE kind = 'WIN' AND outcome = 'APPLIED'");
        long refunds = bench.number("SELECT count(*) FROM transactions WHERE kind = 'ROLLBACK' AND outcome = 'APPLIED'"
                + " AND rollback_effect = 'REFUND_BET'");
        long tombstones = bench.number("SELECT count(*) FROM transactions WHERE outcome = 'TOMBSTONE'");
        long refusals = bench.number("SELECT count(*) FROM transactions WHERE outcome = 'REJECTED'");
        String legs = "bets=" + bets + " wins=" + wins + " refunds=" + refunds + " tombstones=" + tombstones
                + " refusals=" + refusals;
        if (bets == 0 || wins == 0) {
            throw new StackFailure("the betting run played no settled round (" + legs + "); see "
                    + bench.show(bench.log("wrk-" + label)));
        }
        checks.add(label + ": PostgreSQL holds " + legs);
    }

    /** (e) The batch consumer's rate on a topic filled while it was stopped (the (b) load again). */
    private SameRunReport.ConsumerRate consumerOnPrefilledTopic() {
        bench.stop(CONSUMER);
        long before = bench.number("SELECT count(*) FROM transactions");
        CpuSample cpuBefore = cpu();
        LoadResult prefill = wrk("e", "e. pre-fill for the consumer (consumer stopped)", CHANGES_SCRIPT, api(),
                WALLETS, "u");
        cpuRows.add(CpuSample.shareRow("e. pre-fill", cpuBefore, cpu()));
        long prefilled = prefill.requests() - prefill.errors();
        startConsumer();
        SameRunReport.ConsumerRate rate = consumerRate(prefilled, before);
        checkBalances("e");
        return rate;
    }

    /** (d2) The naive Pulsar-per-request server under the same wrk script. */
    private LoadResult naiveCeiling() {
        bench.start("naive-server", benchmarksJar(), List.of(), List.of("naive-pulsar-server", "--port",
                Integer.toString(NAIVE_PORT), "--pulsar-url", "pulsar://127.0.0.1:" + bench.settings().pulsarPort(),
                "--topic", "persistent://public/default/" + naiveTopicName), Map.of());
        bench.awaitHealth("naive-server", NAIVE_PORT, BenchStack.READY_TIMEOUT);
        LoadResult naive = wrk("d2", "d2. architecture ceiling (naive Pulsar per request), wrk", CHANGES_SCRIPT,
                "http://127.0.0.1:" + NAIVE_PORT, WALLETS, "u");
        bench.stop("naive-server");
        return naive;
    }

    private void startConsumer() {
        Map<String, String> variables = bench.appEnvironment(topic);
        for (String name : BATCH_SETTINGS) {
            String value = environment.get(name);
            if (value != null && value.matches("[0-9]{1,9}")) {
                variables.put(name, value);
            }
        }
        bench.start(CONSUMER, paths.batchConsumerJar(), List.of(), List.of(), variables);
    }

    private void startRestApi() {
        List<String> profile = environment.getOrDefault("BENCH_JFR", "").isEmpty() ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + bench.work.resolve("rest-api.jfr")
                        + ",settings=profile,dumponexit=true");
        bench.start(REST_API, paths.restApiJar(), profile, List.of(), bench.restApiEnvironment(topic));
        bench.awaitHealth(REST_API, apiPort(), BenchStack.READY_TIMEOUT);
    }

    private CpuSample cpu() {
        return CpuSample.take(bench.pidOf(REST_API), bench.pidOf(CONSUMER));
    }

    private void openWallets(String prefix, int count, int concurrency) {
        bench.console.step("opening " + count + " wallet(s) " + prefix + "0 ... (benchmarks.jar open-wallets)");
        int status = bench.run("open-wallets-" + prefix, "the wallet opener (" + count + " wallets)", List.of(BenchStack.java("java"),
                "-jar", benchmarksJar().toString(), "open-wallets", "--api-url", api(), "--token-file",
                bench.tokenValueFile().toString(), "--prefix", prefix,
                "--count", Integer.toString(count), "--amount", Long.toString(OPENING_CENTS), "--concurrency",
                Integer.toString(concurrency)), Map.of(), OPEN_TIMEOUT);
        if (status != 0) {
            throw new StackFailure("opening wallets failed; see " + bench.show(bench.log("open-wallets-" + prefix)));
        }
    }

    /**
     * One run of the seed's hey command on {@code url}, with the token as the README's curls send it;
     * the bare server checks none but gets the same requests, so that the two compare.
     */
    private LoadResult hey(String key, String label, String url) {
        bench.console.step(ordinal("hey-" + key) + ": " + label + ": hey -n " + HEY_REQUESTS + " -m POST ... " + url);
        bench.run("hey-" + key, "hey", List.of("hey", "-n", Integer.toString(HEY_REQUESTS), "-m", "POST", "-H",
                "Content-Type: application/json", "-H", "Authorization: Bearer " + bench.token().value(), "-d",
                "{\"amount\": 10,\"reference\":\"wonbet-1\"}", url), Map.of(), HEY_TIMEOUT);
        Path log = bench.log("hey-" + key);
        try {
            LoadResult result = LoadResult.fromHey(label, "the seed's hey command (" + CONNECTIONS
                    + " connections, 100,000 requests)", bench.read(log), HEY_REQUESTS);
            runs.add(result);
            return result;
        } catch (IllegalArgumentException unreadable) {
            throw new StackFailure("hey printed no result (" + unreadable.getMessage() + "); see " + bench.show(log));
        }
    }

    /** One wrk run of {@code script} (a file in bench/) on {@code wallets} wallets named {@code prefix0 ...}. */
    private LoadResult wrk(String key, String label, String script, String url, int wallets, String prefix) {
        bench.console.step(ordinal("wrk-" + key) + ": " + label + ": wrk -t2 -c" + CONNECTIONS + " -d" + seconds
                + "s -s bench/" + script + " on " + wallets + " wallet(s) at " + url);
        bench.run("wrk-" + key, "wrk", List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout",
                "10s", "-s", paths.root().resolve("bench").resolve(script).toString(), url), Map.of(
                "BENCH_WALLETS", Integer.toString(wallets), "BENCH_PREFIX", prefix,
                "BENCH_RUN", label + "-" + bench.runId, "BENCH_TOKEN", bench.token().value()),
                Duration.ofSeconds(seconds + 60L));
        Path log = bench.log("wrk-" + key);
        try {
            LoadResult result = LoadResult.fromWrk(label, "wrk, " + CONNECTIONS + " connections, " + seconds + " s",
                    bench.read(log));
            runs.add(result);
            return result;
        } catch (IllegalArgumentException unreadable) {
            throw new StackFailure("wrk printed no result (" + unreadable.getMessage() + "); see " + bench.show(log));
        }
    }

    /** {@return which load run the one logging to {@code log} is: {@code run 3 of 8}} */
    static String ordinal(String log) {
        int index = LOAD_RUNS.indexOf(log);
        if (index < 0) {
            throw new IllegalStateException("a load run missing from LOAD_RUNS: " + log);
        }
        return "run " + (index + 1) + " of " + LOAD_RUNS.size();
    }

    /** {@return the batch consumer's backlog on the topic, in entries; empty if the admin API does not tell} */
    private OptionalLong backlog() {
        HttpResponse<String> stats = bench.get(bench.pulsarAdmin() + "/admin/v2/persistent/public/default/"
                + topicName + "/stats");
        return stats.statusCode() == 200 ? backlogOf(stats.body(), SUBSCRIPTION) : OptionalLong.empty();
    }

    /** {@return msgBacklog of the subscription in a topic's stats (JSON), empty if it has none} */
    static OptionalLong backlogOf(String stats, String subscription) {
        int at = stats.indexOf("\"" + subscription + "\"");
        if (at < 0) {
            return OptionalLong.empty();
        }
        Matcher matcher = BACKLOG.matcher(stats);
        return matcher.find(at) ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Waits until the consumer's backlog is 0; {@return the seconds waited} */
    private double awaitDrained() {
        long started = System.nanoTime();
        bench.await("the batch consumer's backlog to drain", DRAIN_TIMEOUT, DRAIN_POLL, CONSUMER,
                () -> backlog().equals(OptionalLong.of(0)), "the batch consumer did not drain its backlog within "
                        + DRAIN_TIMEOUT.toSeconds() + "s");
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * With {@code events} events waiting in the topic, {@code before} transactions in PostgreSQL and
     * the consumer just started: its rate, timed from its first committed batch to the last, so that
     * the JVM's start is not counted.
     */
    private SameRunReport.ConsumerRate consumerRate(long events, long before) {
        long[] first = {-1};
        long[] startedNanos = {0};
        bench.await("the batch consumer to persist " + events + " events", DRAIN_TIMEOUT, COUNT_POLL, CONSUMER, () -> {
            long count = bench.number("SELECT count(*) FROM transactions");
            if (first[0] < 0 && count > before) {
                first[0] = count;
                startedNanos[0] = System.nanoTime();
            }
            return count >= before + events;
        }, "the batch consumer did not persist " + events + " events within " + DRAIN_TIMEOUT.toSeconds() + "s");
        double took = (System.nanoTime() - startedNanos[0]) / 1e9;
        return new SameRunReport.ConsumerRate(Math.round((before + events - first[0]) / took), events, took);
    }

    /** The money-conservation checker: the API against PostgreSQL. */
    private void checkBalances(String label) {
        String name = "check-" + label;
        bench.console.step("checking the money after " + label + " (app-batch-consumer.jar check: PostgreSQL, the"
                + " topic and the API agree)");
        int status = bench.run(name, "the money-conservation check after " + label, List.of(BenchStack.java("java"),
                "-jar", paths.batchConsumerJar().toString(), "check", "--api-url", api(), "--api-token-file",
                bench.tokenValueFile().toString(), "--catch-up-timeout-seconds", "300"), bench.appEnvironment(topic),
                CHECK_TIMEOUT);
        Matcher passed = CHECK_PASSED.matcher(bench.read(bench.log(name)));
        if (status != 0 || !passed.find()) {
            bench.showTail(bench.log(name), 20);
            throw new StackFailure("balances disagree after " + label + "; see " + bench.show(bench.log(name)));
        }
        checks.add(label + ": " + passed.group());
    }

    private void installTools() {
        List<String> missing = List.of("hey", "wrk").stream().filter(tool -> !Prerequisites.onPath(tool)).toList();
        if (missing.isEmpty()) {
            return;
        }
        bench.console.say("installing " + String.join(" ", missing) + " from Debian's packages");
        List<String> install = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install",
                "-y", "-q"));
        install.addAll(missing);
        if (bench.run("apt-get", "apt-get install", install, Map.of(), INSTALL_TIMEOUT) != 0
                && (bench.run("apt-get", "apt-get update", List.of("apt-get", "update", "-q"), Map.of(),
                        INSTALL_TIMEOUT) != 0
                        || bench.run("apt-get", "apt-get install", install, Map.of(), INSTALL_TIMEOUT) != 0)) {
            throw new StackFailure("could not install " + String.join(" ", missing) + " (apt-get install "
                    + String.join(" ", missing) + "; see " + bench.show(bench.log("apt-get")) + ")");
        }
    }

    private void report(SameRunReport report) {
        String table = report.table();
        bench.console.print("\n" + table + "\n");
        Machine.Commit commit = Machine.commit(paths.root(), "bench/RESULTS.md");
        List<String> paragraphs = List.of(
                "# Benchmark results",
                "Written by `./wallet bench` (" + Machine.nowToTheMinute() + ", commit " + commit.described()
                        + "). All figures from this one run on this one machine; compare ratios, not absolute figures,"
                        + " across runs.",
                "Machine: " + Machine.summary() + ", kernel " + Machine.kernel() + ", " + Machine.javaVersion()
                        + ". Everything on it at once: Pulsar standalone, PostgreSQL, the REST API, the batch consumer"
                        + " and the load generator (hey " + packageVersion("hey") + ", wrk " + packageVersion("wrk")
                        + ").",
                table,
                "Balances checked against PostgreSQL (money-conservation checker, API = PostgreSQL):\n"
                        + String.join("\n", checks.stream().map(check -> "- " + check).toList()),
                "Logs of this run: " + bench.show(bench.work) + "/.");
        Path notes = paths.root().resolve("bench/NOTES.md");
        ResultsFile results = new ResultsFile(paths.root().resolve("bench/RESULTS.md"));
        results.write(ResultsFile.sameRun(paragraphs, Optional.of(notes).filter(Files::isRegularFile).map(bench::read),
                results.read()));
        bench.console.say("table written to bench/RESULTS.md");
    }

    private static String packageVersion(String name) {
        return Machine.firstLine(List.of("dpkg-query", "-W", "-f=${Version}", name));
    }
}

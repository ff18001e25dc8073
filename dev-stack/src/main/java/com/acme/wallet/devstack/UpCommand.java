package com.acme.wallet.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./wallet up [--detach] [--infra-only]}: starts PostgreSQL, Pulsar, the REST API and the batch consumer. */
@Command(name = "up")
final class UpCommand implements Callable<Integer> {

    static final Duration PULSAR_READY_TIMEOUT = Duration.ofSeconds(180); // first start creates the metadata
    static final Duration API_READY_TIMEOUT = Duration.ofSeconds(180); // loads the snapshot, reads the log
    /** The batch consumer has no health endpoint: started means still running after this. */
    static final Duration CONSUMER_GRACE = Duration.ofSeconds(5);
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

    @Option(names = {"--detach", "-d"}, description = "return once the REST API answers 200 on /health")
    boolean detach;

    @Option(names = "--infra-only", description = "start PostgreSQL and Pulsar only")
    boolean infraOnly;

    private final Stack stack;
    private final Map<String, String> environment;
    private final Waits waits;
    private Compose compose;
    private StackState state;

    UpCommand(Stack stack, Map<String, String> environment) {
        this.stack = stack;
        this.environment = environment;
        this.waits = new Waits(stack.console);
    }

    @Override
    public Integer call() {
        StackLock lock = StackLock.take(stack.paths.run().resolve("lock"));
        try {
            java.nio.file.Files.createDirectories(stack.paths.logs());
        } catch (java.io.IOException failure) {
            lock.close();
            throw new StackFailure("cannot create " + stack.paths.logs() + ": " + failure.getMessage());
        }
        try {
            prepare();
            StopSignals.install();
            try {
                start();
            } catch (StackFailure failure) {
                return failure.exitStatus() == StackFailure.INTERRUPTED ? interrupted() : failed(failure.getMessage());
            } catch (RuntimeException unexpected) {
                stack.console.warn("unexpected failure (" + unexpected + "); stopping what this run started");
                stack.stop();
                return StackFailure.FAILED;
            }
            if (detach) {
                if (infraOnly) {
                    stack.console.say("up (infrastructure only). ./wallet status shows it; ./wallet down stops it.");
                } else {
                    int port = state.settings().apiPort();
                    stack.console.say("up: REST API on http://127.0.0.1:" + port + " (try: curl -s 127.0.0.1:" + port
                            + "/health).");
                    stack.console.say("./wallet status shows it; ./wallet down stops it.");
                }
                return 0;
            }
        } finally {
            lock.close();
        }
        return follow();
    }

    /** Checks everything before anything starts: nothing runs yet, prerequisites, ports. */
    private void prepare() {
        List<String> already = stack.runningComponents();
        if (!already.isEmpty()) {
            throw new StackFailure("already running: " + String.join(",", already)
                    + ". See ./wallet status; ./wallet down stops it.");
        }
        stack.forgetStaleState();
        StackSettings settings = StackSettings.fromEnvironment(environment);
        boolean docker = switch (settings.infrastructure()) {
            case DOCKER -> {
                if (!Compose.engineAnswers()) {
                    throw new StackFailure("WALLET_INFRA=docker but no Docker engine answers (docker info fails)");
                }
                yield true;
            }
            case LOCAL -> false;
            case AUTO -> Compose.engineAnswers();
        };
        if (docker) {
            settings = settings.withComposePorts();
        }
        state = new StackState(docker ? "docker" : "local", docker ? "docker" : "none", "", settings, infraOnly,
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
        checkPrerequisites(docker, settings);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new StackFailure("run ./wallet as root (it runs PostgreSQL as the postgres user)");
        }
        checkPorts(docker, settings);
        if (!infraOnly && !(Files.isRegularFile(stack.paths.restApiJar())
                && Files.isRegularFile(stack.paths.batchConsumerJar()))) {
            throw new StackFailure("the jars are missing: ./mvnw -B package -DskipTests builds them"
                    + " (./wallet does when they are missing)");
        }
        if (!docker) {
            stack.pulsar.ensureDistribution();
        }
    }

    private void checkPrerequisites(boolean docker, StackSettings settings) {
        Prerequisites prerequisites = new Prerequisites();
        prerequisites.needCommand("setsid", "util-linux");
        if (docker) {
            compose = Compose.find(stack.paths).orElse(null);
            if (compose == null) {
                prerequisites.need("Docker Compose (docker compose or docker-compose)",
                        "docker-compose-plugin or docker-compose");
            }
        } else {
            if (!stack.pulsar.distributionReady()) {
                prerequisites.needCommand("tar", "tar");
                prerequisites.needCommand("gzip", "gzip");
            }
            if (!Ports.open(settings.databasePort())) {
                // No server to use: run our own cluster with the machine's binaries.
                prerequisites.needCommand("runuser", "util-linux");
                if (stack.postgres.binaries().isEmpty()) {
                    Optional<String> version = stack.postgres.clusterVersion();
                    prerequisites.need(version.map(v -> "PostgreSQL " + v + " server binaries (./data/postgres holds a"
                            + " cluster of that version)").orElse("PostgreSQL server binaries (initdb, pg_ctl, postgres"
                            + " under /usr/lib/postgresql)"), version.map(v -> "postgresql-" + v).orElse("postgresql"));
                }
                if (!Files.isDirectory(Path.of("/usr/lib/postgresql")) || !userExists("postgres")) {
                    prerequisites.need("the postgres OS user (created by the PostgreSQL package)", "postgresql");
                }
            }
        }
        if (!prerequisites.complete()) {
            stack.console.printError(prerequisites.report());
            throw new StackFailure("", StackFailure.FAILED); // reported above
        }
    }

    private static boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(name + ":"));
        } catch (java.io.IOException unreadable) {
            return true; // let the start say what is wrong
        }
    }

    private void checkPorts(boolean docker, StackSettings settings) {
        List<String> conflicts = new ArrayList<>();
        if (!infraOnly) {
            portMustBeFree(conflicts, settings.apiPort(), "REST API");
        }
        if (docker) {
            portMustBeFree(conflicts, StackSettings.COMPOSE_DATABASE_PORT, "PostgreSQL");
        }
        portMustBeFree(conflicts, settings.pulsarPort(), "Pulsar");
        portMustBeFree(conflicts, settings.pulsarHttpPort(), "Pulsar HTTP");
        if (!docker) {
            portMustBeFree(conflicts, settings.bookiePort(), "Pulsar's bookie");
        }
        if (conflicts.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("wallet: ports needed by the stack are taken by other processes:\n");
        conflicts.forEach(conflict -> text.append("  - ").append(conflict).append('\n'));
        if (docker) {
            text.append("Stop those processes (docker-compose.yml publishes these ports), or run WALLET_INFRA=local"
                    + " ./wallet up.\n");
        } else {
            text.append("Stop those processes, or choose other ports (see ./wallet help: WALLET_PORT, WALLET_DB_PORT,\n"
                    + "WALLET_PULSAR_PORT, WALLET_PULSAR_HTTP_PORT, WALLET_BOOKIE_PORT).\n");
        }
        stack.console.printError(text.toString());
        throw new StackFailure("", StackFailure.FAILED); // reported above
    }

    private static void portMustBeFree(List<String> conflicts, int port, String what) {
        if (Ports.open(port)) {
            conflicts.add("127.0.0.1:" + port + " (" + what + ") is taken" + Ports.owner(port));
        }
    }

    private void start() {
        state.write(stack.paths.stackEnv());
        if (state.docker()) {
            new ComposeStart(stack, compose, waits).start();
            awaitPulsar();
        } else {
            startPostgres();
            checkStop();
            stack.pulsar.start(state.settings());
            awaitPulsar();
        }
        if (!infraOnly) {
            checkStop();
            startRestApi();
            checkStop();
            startBatchConsumer();
        }
    }

    private void startPostgres() {
        int port = state.settings().databasePort();
        if (Ports.open(port)) {
            state = state.withPostgres("external", "");
            stack.console.say("PostgreSQL: using the server already listening on 127.0.0.1:" + port
                    + " (./wallet will not stop it)");
        } else {
            Path binaries = stack.postgres.binaries().orElseThrow(() -> new StackFailure(
                    "no PostgreSQL server binaries under /usr/lib/postgresql"));
            state = state.withPostgres("local", binaries.toString());
            state.write(stack.paths.stackEnv());
            stack.postgres.startCluster(binaries, port);
        }
        state.write(stack.paths.stackEnv());
        stack.postgres.ensureDatabase(port);
        stack.console.say("PostgreSQL: ready on 127.0.0.1:" + port + ", database wallet");
    }

    void awaitPulsar() {
        StackSettings settings = state.settings();
        long started = System.nanoTime();
        boolean local = !state.docker();
        Waits.Outcome outcome = waits.until("Pulsar on 127.0.0.1:" + settings.pulsarPort() + " ("
                + (local ? "bin/pulsar standalone starting" : "docker") + "; ready once its admin API lists the"
                + " cluster)", PULSAR_READY_TIMEOUT,
                () -> !local || stack.processes.alive(LocalPulsar.NAME), () -> LocalPulsar.ready(settings));
        switch (outcome) {
            case MET -> stack.console.say("Pulsar: ready after " + secondsSince(started) + "s (pulsar://127.0.0.1:"
                    + settings.pulsarPort() + ", http://127.0.0.1:" + settings.pulsarHttpPort() + ")");
            case EXITED -> {
                stack.processes.showLogTail(LocalPulsar.NAME, stack.paths.log(LocalPulsar.NAME));
                throw new StackFailure("Pulsar exited while starting (exit status "
                        + stack.processes.exitStatus(LocalPulsar.NAME) + ")");
            }
            case STOPPED -> throw new StackFailure("stop", StackFailure.INTERRUPTED);
            case TIMED_OUT -> {
                if (local) {
                    stack.processes.showLogTail(LocalPulsar.NAME, stack.paths.log(LocalPulsar.NAME));
                }
                throw new StackFailure("Pulsar was not ready within " + PULSAR_READY_TIMEOUT.toSeconds()
                        + "s (GET /admin/v2/clusters must list standalone)");
            }
        }
    }

    private Map<String, String> appEnvironment() {
        StackSettings settings = state.settings();
        return appEnvironment(settings, DatabaseAccount.of(state.docker()), "wallet");
    }

    /**
     * {@return the environment of the REST API and the batch consumer on this infrastructure: where
     * Pulsar and PostgreSQL are, and the account; the topic is the programs' default unless added}
     */
    static Map<String, String> appEnvironment(StackSettings settings, DatabaseAccount account, String database) {
        return Map.of(
                "WALLET_PULSAR_URL", "pulsar://127.0.0.1:" + settings.pulsarPort(),
                "WALLET_PULSAR_ADMIN_URL", "http://127.0.0.1:" + settings.pulsarHttpPort(),
                "WALLET_DB_URL", DatabaseAccount.url(settings.databasePort(), database),
                "WALLET_DB_USER", account.user(),
                "WALLET_DB_PASSWORD", account.password());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void startRestApi() {
        int port = state.settings().apiPort();
        stack.console.step("REST API: starting on 127.0.0.1:" + port
                + " (WALLET_LOG=pulsar; log in data/logs/rest-api.log)");
        Map<String, String> environment = new java.util.HashMap<>(appEnvironment());
        environment.put("WALLET_LOG", "pulsar");
        environment.put("WALLET_HOST", "127.0.0.1");
        environment.put("WALLET_PORT", Integer.toString(port));
        DevToken token = DevToken.ensure(stack.paths.data());
        environment.put("WALLET_TOKENS_FILE", token.tokenFile().toString());
        stack.console.say("REST API: development token (every scope; also in data/dev-token): " + token.value());
        stack.processes.startDetached(Stack.REST_API, stack.paths.log(Stack.REST_API),
                List.of(java(), "-jar", stack.paths.restApiJar().toString()), environment, stack.paths.root());
        long started = System.nanoTime();
        Waits.Outcome outcome = waits.until("the REST API's /health on 127.0.0.1:" + port + " (it waits for"
                + " Pulsar and PostgreSQL, loads the wallets, then answers 200)", API_READY_TIMEOUT,
                () -> stack.processes.alive(Stack.REST_API), () -> stack.healthStatus(port) == 200);
        switch (outcome) {
            case MET -> stack.console.say("REST API: /health answers 200 after " + secondsSince(started) + "s");
            case EXITED -> appExited(Stack.REST_API);
            case STOPPED -> throw new StackFailure("stop", StackFailure.INTERRUPTED);
            case TIMED_OUT -> {
                stack.processes.showLogTail(Stack.REST_API, stack.paths.log(Stack.REST_API));
                throw new StackFailure("the REST API did not answer 200 on http://127.0.0.1:" + port
                        + "/health within " + API_READY_TIMEOUT.toSeconds() + "s");
            }
        }
    }

    private void startBatchConsumer() {
        stack.console.step("batch consumer: starting (log in data/logs/batch-consumer.log)");
        stack.processes.startDetached(Stack.BATCH_CONSUMER, stack.paths.log(Stack.BATCH_CONSUMER),
                List.of(java(), "-jar", stack.paths.batchConsumerJar().toString()), appEnvironment(),
                stack.paths.root());
        Waits.Outcome outcome = waits.until("the batch consumer", CONSUMER_GRACE,
                () -> stack.processes.alive(Stack.BATCH_CONSUMER), () -> false);
        switch (outcome) {
            case TIMED_OUT -> stack.console.say("batch consumer: running");
            case EXITED -> appExited(Stack.BATCH_CONSUMER);
            case STOPPED -> throw new StackFailure("stop", StackFailure.INTERRUPTED);
            case MET -> throw new IllegalStateException("the grace period has no condition to meet");
        }
    }

    private void appExited(String name) {
        stack.processes.showLogTail(name, stack.paths.log(name));
        throw new StackFailure(name + " exited early (exit status " + stack.processes.exitStatus(name)
                + "); its log is data/logs/" + name + ".log");
    }

    private static void checkStop() {
        if (StopSignals.received().isPresent()) {
            throw new StackFailure("stop", StackFailure.INTERRUPTED);
        }
    }

    private static long secondsSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    }

    private int failed(String reason) {
        stack.console.warn(reason);
        stack.console.warn("stopping what this run started");
        stack.stop();
        return StackFailure.FAILED;
    }

    private int interrupted() {
        stack.console.say(StopSignals.received().orElse("a signal") + " received while starting: stopping what this"
                + " run started");
        stack.stop();
        return StackFailure.INTERRUPTED;
    }

    /** Foreground: follows the logs and watches the processes until a signal, or until one of them ends. */
    private int follow() {
        List<String> watched = new ArrayList<>();
        if (!infraOnly) {
            watched.addAll(List.of(Stack.BATCH_CONSUMER, Stack.REST_API));
        }
        if (!state.docker()) {
            watched.add(LocalPulsar.NAME);
        }
        stack.console.say("up. Ctrl-C stops everything. Following the logs in data/logs:");
        LogFollower follower = infraOnly
                ? new LogFollower(stack.console, List.of(stack.paths.log(LocalPulsar.NAME)), 5)
                : new LogFollower(stack.console, List.of(stack.paths.log(Stack.REST_API),
                        stack.paths.log(Stack.BATCH_CONSUMER)), 20);
        String died = null;
        while (StopSignals.received().isEmpty() && died == null) {
            follower.poll();
            died = watched.stream().filter(name -> !stack.processes.alive(name)).findFirst().orElse(null);
            if (died == null && "local".equals(state.postgres()) && !stack.postgres.clusterRunning()) {
                died = "postgres";
            }
            if (died == null) {
                Pause.of(FOLLOW_POLL);
            }
        }
        follower.poll();
        if (StopSignals.received().isPresent()) {
            stack.console.say(StopSignals.received().get() + " received: stopping");
            stack.stop();
            stack.console.say("stopped");
            return 0;
        }
        if (Files.exists(stack.paths.run().resolve("stopping")) || !Files.exists(stack.paths.stackEnv())) {
            stack.console.say("stopped by ./wallet down");
            return 0;
        }
        if ("postgres".equals(died)) {
            stack.processes.showLogTail("postgres", stack.paths.log("postgres"));
            stack.console.warn("PostgreSQL stopped unexpectedly");
        } else {
            stack.processes.showLogTail(died, stack.paths.log(died));
            stack.console.warn(died + " exited unexpectedly (exit status " + stack.processes.exitStatus(died) + ")");
        }
        stack.console.warn("stopping the rest");
        try (StackLock lock = StackLock.take(stack.paths.run().resolve("lock"))) {
            stack.stop();
        }
        return StackFailure.FAILED;
    }
}

package com.acme.wallet.devstack;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What a bench run runs on, and everything it must undo: PostgreSQL and Pulsar (started as
 * {@code ./wallet up --infra-only --detach} would if they do not run, and then stopped again), the
 * run's database and topics, and the programs it starts, each detached from the caller with its
 * log in {@code data/bench/<run>/}. {@link #close} undoes all of it in reverse order, after a
 * failure and after SIGINT, SIGTERM or SIGHUP too: every wait here checks for those signals.
 */
final class BenchStack implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);
    /** The longest any one SQL statement of the checks and counts may take. */
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TOPIC_DELETE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_POLL = Duration.ofMillis(100);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final String DATABASE_NAME = "[a-z_][a-z0-9_]{0,62}";
    private static final String TOPIC_NAME = "[a-z0-9-]{1,100}";
    /** The modules whose jars a bench runs; dev-stack runs already. */
    private static final String BUILD_MODULES = "app-rest-api,app-batch-consumer,benchmarks";

    final Stack stack;
    final Console console;
    final String runId;
    /** {@code data/bench/<run>/}: logs, pid files, JFR and GC logs. */
    final Path work;
    private final Map<String, String> environment;
    private final Waits waits;
    private final ManagedProcesses processes;
    /** For each program started, a string its command line holds: its jar. */
    private final Map<String, String> markers = new HashMap<>();
    private final List<String> started = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private StackSettings settings;
    private DatabaseAccount account = DatabaseAccount.LOCAL;
    private boolean startedInfrastructure;
    private String database;
    private boolean createdDatabase;
    private boolean keep;
    private Connection connection;
    private DevToken token;

    /**
     * @param stack the stack of this checkout, speaking as {@code bench}
     * @param environment the process environment (ports, as for {@code up})
     * @param directoryName the run's directory under {@code data/bench}, such as the run id
     * @param runId the run's id, in topic and database names
     */
    BenchStack(Stack stack, Map<String, String> environment, String directoryName, String runId) {
        this.stack = stack;
        this.console = stack.console;
        this.environment = environment;
        this.runId = runId;
        this.work = stack.paths.data().resolve("bench").resolve(directoryName);
        this.waits = new Waits(console);
        this.processes = new ManagedProcesses(stack.paths, console, work, markers::get, "./wallet bench");
        this.settings = stack.state().map(StackState::settings).orElseGet(() -> StackSettings.fromEnvironment(environment));
    }

    /** {@return a new run's id: the time, to the second, such as 20261130031200} */
    static String newRunId() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    }

    StackSettings settings() {
        return settings;
    }

    /** {@return how a path is shown: relative to the checkout} */
    String show(Path path) {
        return stack.paths.show(path);
    }

    Path log(String name) {
        return work.resolve(name + ".log");
    }

    /** Ends the run (status 130) once a signal asked to stop. */
    static void checkStop() {
        if (StopSignals.received().isPresent()) {
            throw new StackFailure("stop", StackFailure.INTERRUPTED);
        }
    }

    void requireFreePorts(int... ports) {
        for (int port : ports) {
            if (Ports.open(port)) {
                throw new StackFailure("port " + port + " is in use" + Ports.owner(port)
                        + "; stop what listens there (./wallet down stops the stack)");
            }
        }
    }

    /** Builds the jars when one is missing or older than a source of the service, so that the figures are those of the checkout. */
    void requireCurrentJars(List<Path> jars) {
        Optional<String> reason = jars.stream().filter(jar -> !Files.isRegularFile(jar)).findFirst()
                .map(jar -> show(jar) + " is missing").or(() -> newerSource(jars).map(source -> show(source)
                        + " is newer than the jars"));
        if (reason.isEmpty()) {
            return;
        }
        console.say(reason.get());
        console.step("building the jars (./mvnw package -DskipTests; log in " + show(log("build")) + ")");
        List<String> command = List.of(stack.paths.root().resolve("mvnw").toString(), "-B", "-q", "-pl", BUILD_MODULES,
                "-am", "package", "-DskipTests");
        if (run("build", "the build", command, Map.of(), BUILD_TIMEOUT) != 0) {
            throw new StackFailure("the build failed; see " + show(log("build")));
        }
    }

    private Optional<Path> newerSource(List<Path> jars) {
        long oldestJar = jars.stream().mapToLong(jar -> jar.toFile().lastModified()).min().orElse(Long.MAX_VALUE);
        try (Stream<Path> modules = Files.list(stack.paths.root())) {
            List<Path> sources = new ArrayList<>(List.of(stack.paths.root().resolve("pom.xml")));
            modules.filter(module -> !module.getFileName().toString().equals("dev-stack"))
                    .forEach(module -> sources.addAll(List.of(module.resolve("pom.xml"), module.resolve("src/main"))));
            for (Path source : sources) {
                if (!Files.exists(source)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(source)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(file -> file.toFile().lastModified() > oldestJar).findFirst();
                    if (newer.isPresent()) {
                        return newer;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException unreadable) {
            throw new StackFailure("cannot read the checkout: " + unreadable.getMessage());
        }
    }

    /**
     * Uses PostgreSQL and Pulsar where both answer; otherwise starts them as
     * {@code ./wallet up --infra-only --detach} and stops them again on {@link #close}.
     */
    void requireInfrastructure() {
        if (!(Ports.open(settings.databasePort()) && LocalPulsar.ready(settings))) {
            console.step("starting PostgreSQL and Pulsar: ./wallet up --infra-only --detach");
            UpCommand up = new UpCommand(stack, environment);
            up.infraOnly = true;
            up.detach = true;
            startedInfrastructure = true;
            int status = up.call();
            if (status == StackFailure.INTERRUPTED) {
                throw new StackFailure("stop", StackFailure.INTERRUPTED);
            }
            if (status != 0) {
                throw new StackFailure("could not start PostgreSQL and Pulsar (see above)");
            }
        }
        Optional<StackState> state = stack.state();
        state.ifPresent(known -> settings = known.settings());
        account = DatabaseAccount.of(state.map(StackState::docker).orElse(false));
        Path directory = work;
        try {
            Files.createDirectories(directory);
        } catch (IOException failure) {
            throw new StackFailure("cannot create " + show(directory) + ": " + failure.getMessage());
        }
    }

    /** Creates the run's database, dropped again on {@link #close} unless {@link #keep()} is called. */
    void createDatabase(String name) {
        requireName(name, DATABASE_NAME);
        admin("CREATE DATABASE " + name);
        database = name;
        createdDatabase = true;
    }

    /** Uses an existing database, left as it is on {@link #close}. */
    void useDatabase(String name) {
        requireName(name, DATABASE_NAME);
        try (Connection admin = account.connect(settings.databasePort(), "postgres", STATEMENT_TIMEOUT)) {
            if (query(admin, "SELECT count(*) FROM pg_database WHERE datname = ?", name).equals(Optional.of("0"))) {
                throw new StackFailure("no database " + name);
            }
        } catch (SQLException failure) {
            throw new StackFailure("PostgreSQL: " + failure.getMessage());
        }
        database = name;
    }

    /** Keeps the database and topics that {@link #close} would otherwise delete. */
    void keep() {
        keep = true;
    }

    /** Deletes the topic on {@link #close} unless kept. */
    void deleteOnClose(String topicName) {
        requireName(topicName, TOPIC_NAME);
        topics.add(topicName);
    }

    /** {@return the first column of the first row of a query of the run's database, if there is a row} */
    Optional<String> query(String sql, Object... parameters) {
        try {
            return query(database(), sql, parameters);
        } catch (SQLException failure) {
            throw new StackFailure("PostgreSQL (" + database + "): " + failure.getMessage());
        }
    }

    /** {@return the whole number a query of the run's database answers, such as a count} */
    long number(String sql, Object... parameters) {
        String value = query(sql, parameters).orElseThrow(() -> new StackFailure("no answer to " + sql));
        return Long.parseLong(value);
    }

    /** {@return the open connection to the run's database, in auto-commit mode} */
    Connection database() throws SQLException {
        if (connection == null) {
            connection = account.connect(settings.databasePort(), database, STATEMENT_TIMEOUT);
        }
        return connection;
    }

    /** {@return a connection of its own to the run's database, for statements longer than the checks'} */
    Connection connect(Duration socketTimeout) throws SQLException {
        return account.connect(settings.databasePort(), database, socketTimeout);
    }

    private static Optional<String> query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout((int) STATEMENT_TIMEOUT.toSeconds());
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private void admin(String sql) {
        try (Connection admin = account.connect(settings.databasePort(), "postgres", STATEMENT_TIMEOUT);
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failure) {
            throw new StackFailure("PostgreSQL: " + sql + ": " + failure.getMessage());
        }
    }

    /** {@return the environment of the REST API and the batch consumer on the run's topic and database} */
    Map<String, String> appEnvironment(String topic) {
        Map<String, String> variables = new HashMap<>(UpCommand.appEnvironment(settings, account, database));
        variables.put("WALLET_PULSAR_TOPIC", topic);
        return variables;
    }

    /** {@return what the REST API also needs: the Pulsar log, its address, the token file of {@link #token()}} */
    Map<String, String> restApiEnvironment(String topic) {
        Map<String, String> variables = appEnvironment(topic);
        variables.put("WALLET_LOG", "pulsar");
        variables.put("WALLET_HOST", "127.0.0.1");
        variables.put("WALLET_PORT", Integer.toString(settings.apiPort()));
        variables.put("WALLET_TOKENS_FILE", token().tokenFile().toString());
        return variables;
    }

    /**
     * {@return the token the REST APIs of a bench take and its requests send: {@code ./wallet up}'s
     *     development token, made if it is missing, so that a bench measures the REST API as it
     *     runs, checking a token on every request}
     */
    DevToken token() {
        if (token == null) {
            token = DevToken.ensure(stack.paths.data());
        }
        return token;
    }

    /** {@return the file that holds the {@link #token()}, for programs that read it from a file} */
    Path tokenValueFile() {
        token();
        return DevToken.valueFile(stack.paths.data());
    }

    /** {@return the REST API's base URL, such as {@code http://127.0.0.1:8081}} */
    String api() {
        return "http://127.0.0.1:" + settings.apiPort();
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar [arguments]} detached, its output in {@code data/bench/<run>/name.log}.
     *
     * @return the process's pid
     */
    long start(String name, Path jar, List<String> jvmOptions, List<String> arguments, Map<String, String> variables) {
        checkStop();
        List<String> command = new ArrayList<>(List.of(java("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        markers.put(name, jar.toString());
        if (!started.contains(name)) {
            started.add(name);
        }
        processes.startDetached(name, log(name), command, variables, stack.paths.root());
        return processes.pidOf(name).orElseThrow(() -> new StackFailure(name + " exited at once; see " + show(log(name))));
    }

    OptionalLong pidOf(String name) {
        return processes.pidOf(name);
    }

    boolean alive(String name) {
        return processes.alive(name);
    }

    void stop(String name) {
        processes.stop(name, STOP_TIMEOUT);
    }

    /** Waits, bounded, until a program started here answers 200 on /health; every 0.1 s, so that a start can be timed. */
    void awaitHealth(String name, int port, Duration limit) {
        await(name + "'s /health", limit, RUN_POLL, name, () -> stack.healthStatus(port) == 200,
                name + " did not answer /health within " + limit.toSeconds() + " s; see " + show(log(name)));
    }

    /**
     * Waits, bounded, for a condition, checking every {@code poll}.
     *
     * @param what what is waited for, for the progress lines
     * @param watched the program started here that must keep running meanwhile, or null
     * @param timedOut the failure's message if the limit passes first
     */
    void await(String what, Duration limit, Duration poll, String watched, BooleanSupplier condition, String timedOut) {
        Waits.Outcome outcome = waits.until(what, limit, poll, () -> watched == null || alive(watched), condition);
        switch (outcome) {
            case MET -> { }
            case STOPPED -> throw new StackFailure("stop", StackFailure.INTERRUPTED);
            case EXITED -> throw new StackFailure(watched + " exited (exit status " + processes.exitStatus(watched)
                    + ") while waiting for " + what + "; see " + show(log(watched)));
            case TIMED_OUT -> throw new StackFailure(timedOut);
        }
    }

    /**
     * Runs the body of a bench, then {@link #close}, whatever happened: says why it ended early, if
     * it did, before the clean-up's lines.
     *
     * @return the exit status: 0, 1 when it failed, 130 when a signal stopped it
     */
    int runThenClose(Runnable body) {
        StopSignals.install();
        try {
            body.run();
            return 0;
        } catch (StackFailure failure) {
            if (failure.exitStatus() == StackFailure.INTERRUPTED) {
                console.say(StopSignals.received().orElse("a signal") + " received: stopping what this run started");
            } else if (!failure.getMessage().isEmpty()) {
                console.warn(failure.getMessage());
            }
            return failure.exitStatus();
        } catch (RuntimeException unexpected) {
            StringWriter trace = new StringWriter();
            unexpected.printStackTrace(new PrintWriter(trace));
            console.printError(trace.toString());
            console.warn("unexpected failure (" + unexpected + "); stopping what this run started");
            return StackFailure.FAILED;
        } finally {
            close();
        }
    }

    /**
     * Runs a command to its end, in a session of its own, its output in {@code data/bench/<run>/name.log};
     * says every 10 s how long it has run and may run; stops it when a signal asks to stop.
     *
     * @return its exit status
     */
    int run(String name, String what, List<String> command, Map<String, String> variables, Duration limit) {
        checkStop();
        List<String> full = new ArrayList<>(List.of("setsid"));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(stack.paths.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).redirectErrorStream(true);
        builder.environment().putAll(variables);
        Process process;
        try {
            Files.createDirectories(work);
            process = builder.start();
        } catch (IOException failure) {
            throw new StackFailure("cannot run " + command.get(0) + ": " + failure.getMessage());
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try (Progress.Ticker progress = console.progress(soFar -> "running " + what + " ... " + Progress.words(soFar)
                + " of at most " + Progress.words(limit), Console.PROGRESS_INTERVAL)) {
            while (!process.waitFor(RUN_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (StopSignals.received().isPresent() || System.nanoTime() > deadline) {
                    end(process);
                    checkStop();
                    throw new StackFailure(what + " did not finish within " + limit.toSeconds() + " s; see "
                            + show(log(name)));
                }
            }
            return process.exitValue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            end(process);
            throw new StackFailure("interrupted", StackFailure.INTERRUPTED);
        }
    }

    private static void end(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return a log's text, empty if it cannot be read} */
    String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** Prints the last lines of a log on standard error. */
    void showTail(Path log, int lines) {
        List<String> all = read(log).lines().toList();
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> console.printError(line + "\n"));
    }

    /** {@return a JDK tool beside the java that runs this program, such as jcmd, else its name on the PATH} */
    static String java(String tool) {
        Path beside = Path.of(System.getProperty("java.home"), "bin", tool);
        return Files.isExecutable(beside) ? beside.toString() : tool;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** {@return the REST API's answer to a GET of the path, sent with the {@link #token()}} */
    HttpResponse<String> getFromApi(String path) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", bearer()).GET());
    }

    /** {@return the REST API's answer to a POST of JSON to the path, sent with the {@link #token()}} */
    HttpResponse<String> postToApi(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", bearer())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String bearer() {
        return "Bearer " + token().value();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(HTTP_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new StackFailure(request.build().method() + " " + request.build().uri() + " failed: " + failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted", StackFailure.INTERRUPTED);
        }
    }

    /** {@return the Pulsar admin API's base URL} */
    String pulsarAdmin() {
        return "http://127.0.0.1:" + settings.pulsarHttpPort();
    }

    /**
     * Stops the programs started here, newest first; drops the database it created and deletes the
     * topics unless kept; stops PostgreSQL and Pulsar if it started them. Each step is bounded, and
     * one failing does not keep the others from running.
     */
    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The database is dropped with FORCE below, or kept.
            }
        }
        for (int index = started.size() - 1; index >= 0; index--) {
            stop(started.get(index));
        }
        if (!keep) {
            if (createdDatabase) {
                try {
                    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                } catch (StackFailure failure) {
                    console.warn("could not drop database " + database + ": " + failure.getMessage());
                }
            }
            topics.forEach(this::deleteTopic);
        }
        if (startedInfrastructure) {
            new DownCommand(stack).call();
        }
    }

    private void deleteTopic(String topicName) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pulsarAdmin() + "/admin/v2/persistent/public/default/"
                + topicName + "?force=true")).timeout(TOPIC_DELETE_TIMEOUT).DELETE().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 204 && status != 200 && status != 404) {
                console.warn("could not delete topic " + topicName + ": HTTP " + status);
            }
        } catch (IOException failure) {
            console.warn("could not delete topic " + topicName + ": " + failure.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requireName(String name, String pattern) {
        if (!name.matches(pattern)) {
            throw new IllegalArgumentException("not a safe name: " + name);
        }
    }
}

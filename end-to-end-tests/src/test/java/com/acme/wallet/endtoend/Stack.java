package com.acme.wallet.endtoend;

import com.acme.wallet.testsupport.LoopbackPorts;
import com.acme.wallet.testsupport.PatientJdbc;
import com.acme.wallet.testsupport.PrivatePostgres;
import com.acme.wallet.testsupport.PrivatePulsar;
import com.acme.wallet.testsupport.TestPostgres;
import com.acme.wallet.testsupport.TestPulsar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Reader;

/**
 * One wallet stack for one test: a fresh topic on a broker and a fresh database, and the two
 * programs started on them as real processes.
 */
final class Stack implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(90);
    /** The most messages {@link #messageProperties} reads: far more than any test writes. */
    private static final int MAX_MESSAGES_READ = 100_000;
    /** The longest wait for the broker in {@link #messageProperties}: one connection, one message. */
    private static final long PULSAR_WAIT_SECONDS = 30;

    private final String pulsarUrl;
    private final String pulsarAdminUrl;

    private final String jdbcUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final AutoCloseable dropDatabase;
    private final String databaseName;
    private final String topic = TestPulsar.uniqueTopic("e2e");

    /** A stack on the shared test broker and the shared test PostgreSQL server. */
    Stack() {
        TestPulsar pulsar = TestPulsar.broker();
        TestPostgres database = TestPostgres.freshDatabase();
        this.pulsarUrl = pulsar.serviceUrl();
        this.pulsarAdminUrl = pulsar.adminUrl();
        this.jdbcUrl = database.jdbcUrl();
        this.databaseUser = database.user();
        this.databasePassword = database.password();
        this.dropDatabase = database;
        this.databaseName = null;
    }

    /**
     * A stack on a broker of the test's own, which it may stop and start, and a fresh database on
     * the shared test PostgreSQL server.
     *
     * @param pulsar the broker
     */
    Stack(PrivatePulsar pulsar) {
        TestPostgres database = TestPostgres.freshDatabase();
        this.pulsarUrl = pulsar.serviceUrl();
        this.pulsarAdminUrl = pulsar.adminUrl();
        this.jdbcUrl = database.jdbcUrl();
        this.databaseUser = database.user();
        this.databasePassword = database.password();
        this.dropDatabase = database;
        this.databaseName = null;
    }

    /**
     * A stack on a broker and a PostgreSQL server of the test's own, which it may stop and start.
     *
     * @param pulsar the broker
     * @param postgres the server; a fresh database is created on it
     */
    Stack(PrivatePulsar pulsar, PrivatePostgres postgres) {
        this.pulsarUrl = pulsar.serviceUrl();
        this.pulsarAdminUrl = pulsar.adminUrl();
        this.databaseName = "wallet_" + topic.substring(topic.lastIndexOf('-') + 1);
        this.jdbcUrl = postgres.createDatabase(databaseName);
        this.databaseUser = postgres.user();
        this.databasePassword = "";
        this.dropDatabase = () -> { };
    }

    /**
     * Starts a REST API on a free port and waits until it is ready to take writes.
     *
     * @param extraEnvironment variables on top of the stack's
     * @return the running API
     */
    RestApi startRestApi(Map<String, String> extraEnvironment) {
        return startRestApi(freePort(), extraEnvironment);
    }

    /**
     * Starts a REST API on the given port, without waiting for it. It checks tokens as in
     * production: the tests' token ({@link TestToken}) is the one it takes, and every client the
     * tests make of it sends that token.
     *
     * @param port the port, such as the one of an API that was stopped
     * @param extraEnvironment variables on top of the stack's
     * @return the running API
     */
    RestApi startRestApi(int port, Map<String, String> extraEnvironment) {
        Map<String, String> environment = environment();
        environment.put("WALLET_LOG", "pulsar");
        environment.put("WALLET_HOST", "127.0.0.1");
        environment.put("WALLET_PORT", Integer.toString(port));
        environment.put("WALLET_TOKENS_FILE", TestToken.file().toString());
        environment.putAll(extraEnvironment);
        ProgramProcess process = ProgramProcess.start("rest-api", "wallet.restApiJar", environment);
        return new RestApi(process, new ApiClient(port));
    }

    RestApi startRestApi() {
        RestApi api = startRestApi(Map.of());
        try {
            api.awaitHealthy();
        } catch (RuntimeException | AssertionError notReady) {
            // Nobody else holds it: a REST API that waits for its dependencies never exits by itself.
            api.close();
            throw notReady;
        }
        return api;
    }

    ProgramProcess startBatchConsumer() {
        return startBatchConsumer(Map.of());
    }

    /**
     * Starts a batch consumer, without waiting for it.
     *
     * @param extraEnvironment variables on top of the stack's
     * @return the running consumer
     */
    ProgramProcess startBatchConsumer(Map<String, String> extraEnvironment) {
        Map<String, String> environment = environment();
        environment.put("WALLET_BATCH_MAX_WAIT_MS", "50");
        // Any free port: a test may run several consumers at once, and other work may hold 8082.
        environment.put("WALLET_MANAGEMENT_PORT", "0");
        environment.putAll(extraEnvironment);
        return ProgramProcess.start("batch-consumer", "wallet.batchConsumerJar", environment);
    }

    /**
     * Starts the money-conservation checker ({@code app-batch-consumer.jar check}) on this stack.
     * Given a REST API ({@code --api-url}), it reads balances there with the tests' token.
     *
     * @param arguments the check's options
     * @return the running checker; wait for its exit status
     */
    ProgramProcess startChecker(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("check");
        command.addAll(List.of(arguments));
        if (command.contains("--api-url")) {
            command.addAll(List.of("--api-token-file", TestToken.valueFile().toString()));
        }
        return ProgramProcess.start("checker", "wallet.batchConsumerJar", command, environment());
    }

    /** {@return the database's name on a PostgreSQL server of the test's own, to dump and restore it} */
    String databaseName() {
        if (databaseName == null) {
            throw new IllegalStateException("the stack's database is on the shared server, not a private one");
        }
        return databaseName;
    }

    /**
     * Deletes the stack's topic with everything in it through the Pulsar admin API, as an operator
     * replacing the topic would; a program's topic set-up creates it again, empty.
     */
    void deleteTopic() {
        String path = topic.replace("persistent://", "persistent/");
        HttpRequest delete = HttpRequest.newBuilder(URI.create(pulsarAdminUrl + "/admin/v2/" + path + "?force=true"))
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("deleting " + topic + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot delete " + topic, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted deleting " + topic, interrupted);
        }
    }

    /**
     * {@return the properties of every message on the stack's topic, in the topic's order: read
     *     from its start by a reader of the test's own, up to the last message stored when asked}
     */
    List<Map<String, String>> messageProperties() {
        List<Map<String, String>> properties = new ArrayList<>();
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsarUrl)
                        .operationTimeout((int) PULSAR_WAIT_SECONDS, TimeUnit.SECONDS).build();
                Reader<byte[]> reader = client.newReader().topic(topic).startMessageId(MessageId.earliest).create()) {
            while (reader.hasMessageAvailable()) {
                Message<byte[]> message = reader.readNext((int) PULSAR_WAIT_SECONDS, TimeUnit.SECONDS);
                if (message == null) {
                    throw new AssertionError("the broker said " + topic + " had another message after "
                            + properties.size() + ", but none came within " + PULSAR_WAIT_SECONDS + " s");
                }
                properties.add(message.getProperties());
                if (properties.size() > MAX_MESSAGES_READ) {
                    throw new AssertionError(topic + " holds more than " + MAX_MESSAGES_READ + " messages");
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read " + topic, failure);
        }
        return properties;
    }

    /** Opens a JDBC connection to the stack's database, for checking what was persisted, patient on a loaded machine. */
    Connection database() throws SQLException {
        return PatientJdbc.connect(jdbcUrl, databaseUser, databasePassword);
    }

    long queryLong(String sql, Object... parameters) {
        try (Connection connection = database(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException failure) {
            // The batch consumer creates the schema; until then there is nothing to count.
            return -1;
        }
    }

    /** Waits, bounded, until the condition holds. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(() -> what, timeout, condition);
    }

    /** Waits, bounded, until the condition holds; the description is made only on failure. */
    static void await(java.util.function.Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what.get());
            }
        }
    }

    @Override
    public void close() {
        try {
            dropDatabase.close();
        } catch (Exception failure) {
            throw new IllegalStateException("could not drop the test database", failure);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("WALLET_PULSAR_URL", pulsarUrl);
        environment.put("WALLET_PULSAR_ADMIN_URL", pulsarAdminUrl);
        environment.put("WALLET_PULSAR_TOPIC", topic);
        environment.put("WALLET_DB_URL", jdbcUrl);
        environment.put("WALLET_DB_USER", databaseUser);
        environment.put("WALLET_DB_PASSWORD", databasePassword);
        return environment;
    }

    static int freePort() {
        return LoopbackPorts.free();
    }

    /** Sleeps, and turns an interruption into a failure of the test. */
    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    /** A REST API process and a client for it. */
    record RestApi(ProgramProcess process, ApiClient client) implements AutoCloseable {

        void awaitHealthy() {
            try {
                Stack.await("the REST API to be ready", STARTUP, () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the REST API exited\n" + process.logTail());
                    }
                    return client.isHealthy();
                });
            } catch (AssertionError notReady) {
                throw new AssertionError(notReady.getMessage() + "\n" + process.logTail(), notReady);
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }
}

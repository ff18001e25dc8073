package com.acme.wallet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of one test's own, which the test may stop and start again to play an
 * outage; the machine's shared server cannot be used for that.
 *
 * <p>The machine's PostgreSQL binaries ({@code /usr/lib/postgresql/<newest>/bin}) run a fresh
 * cluster in a temporary directory on a free port of 127.0.0.1, trust authentication for user
 * {@code postgres}. PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} operating-system user ({@code runuser}). Each command is bounded by
 * {@link #COMMAND_TIMEOUT}. The cluster is stopped and deleted on {@link #close()} and at JVM exit.
 */
public final class PrivatePostgres implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(PrivatePostgres.class);
    private static final String USER = PostgresBinaries.USER;

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final Thread cleanup = new Thread(this::close, "private-postgres-stop");
    private boolean closed;

    private PrivatePostgres(Path binaries, Path directory, int port) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Creates a cluster and starts it.
     *
     * @return the running server
     * @throws IllegalStateException if the binaries are missing or the server does not start
     */
    public static PrivatePostgres start() {
        Path binaries = binaries();
        try {
            Path directory = Files.createTempDirectory("wallet-test-postgres-");
            PrivatePostgres server = new PrivatePostgres(binaries, directory, LoopbackPorts.free());
            Runtime.getRuntime().addShutdownHook(server.cleanup);
            server.initialise();
            server.restart();
            return server;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot create a PostgreSQL cluster", failure);
        }
    }

    /** {@return the JDBC URL of the server's {@code postgres} database} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** {@return the user, {@code postgres}, which needs no password} */
    public String user() {
        return USER;
    }

    /**
     * Creates an empty database on this server.
     *
     * @param name letters, digits and underscores
     * @return its JDBC URL
     */
    public String createDatabase(String name) {
        requirePlainName(name);
        try (Connection connection = PatientJdbc.connect(jdbcUrl(), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot create database " + name, failure);
        }
        return TestPostgres.withDatabase(jdbcUrl(), name);
    }

    /**
     * Dumps a database with {@code pg_dump} (custom format) into the cluster's directory, as an
     * operator's backup would; the server keeps running and taking writes meanwhile.
     *
     * @param name the database
     * @return the dump file
     */
    public Path dump(String name) {
        requirePlainName(name);
        Path file = directory.resolve("dump-" + name + "-" + System.nanoTime() + ".pgdump");
        asServerUser(binaries.resolve("pg_dump").toString(), "--host=127.0.0.1", "--port=" + port,
                "--username=" + USER, "--format=custom", "--file=" + file, name);
        return file;
    }

    /**
     * Replaces a database by a dump, as an operator restoring a backup would: the database is
     * dropped (cutting its connections), created empty and filled with {@code pg_restore}.
     *
     * @param name the database
     * @param dump a file made by {@link #dump(String)}
     */
    public void restore(String name, Path dump) {
        requirePlainName(name);
        try (Connection connection = PatientJdbc.connect(jdbcUrl(), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot recreate database " + name, failure);
        }
        asServerUser(binaries.resolve("pg_restore").toString(), "--host=127.0.0.1", "--port=" + port,
                "--username=" + USER, "--exit-on-error", "--single-transaction", "--dbname=" + name,
                dump.toString());
    }

    /** Stops the server with {@code pg_ctl stop -m fast}: connections are cut, nothing stored is lost. */
    public void stop() {
        pgCtl("-m", "fast", "stop");
    }

    /** Starts the stopped server again on the same port and waits until it takes connections. */
    public void restart() {
        pgCtl("-l", directory.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
    }

    /** Stops the server if it runs and deletes the cluster. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException exiting) {
            // Called from the hook itself.
        }
        if (Files.exists(directory.resolve("data/postmaster.pid"))) {
            try {
                pgCtl("-m", "immediate", "stop");
            } catch (RuntimeException failure) {
                LOG.warn("could not stop the PostgreSQL cluster in {}", directory, failure);
            }
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException leftBehind) {
            LOG.warn("could not delete {}", directory, leftBehind);
        }
    }

    private static void requirePlainName(String name) {
        if (!name.matches("[A-Za-z0-9_]{1,60}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }

    private void initialise() throws IOException {
        if (PostgresBinaries.runsAsRoot()) {
            run(List.of("chown", USER + ":", directory.toString()));
        }
        asServerUser(binaries.resolve("initdb").toString(), "-D", directory.resolve("data").toString(),
                "-U", USER, "--auth=trust", "--encoding=UTF8", "--no-locale");
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.resolve("pg_ctl").toString(),
                "-D", directory.resolve("data").toString(), "-w", "-t", Long.toString(COMMAND_TIMEOUT.toSeconds())));
        command.addAll(Arrays.asList(arguments));
        asServerUser(command.toArray(String[]::new));
    }

    private static void asServerUser(String... command) {
        PostgresBinaries.runAsServerUser(Arrays.asList(command), COMMAND_TIMEOUT.plusSeconds(5));
    }

    private static void run(List<String> command) {
        try {
            Processes.run(command, COMMAND_TIMEOUT.plusSeconds(5));
        } catch (IOException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    /** The newest installed server binaries, Debian's layout. */
    private static Path binaries() {
        return PostgresBinaries.newest().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server binaries under /usr/lib/postgresql (install Debian's postgresql package)"));
    }
}

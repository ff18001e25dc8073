package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.PostgresBinaries;
import com.acme.wallet.testsupport.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL for the stack: a server already listening on the port is used as it is (and never
 * stopped); otherwise the machine's binaries run a cluster in {@code ./data/postgres} as the
 * {@code postgres} OS user, PostgreSQL refusing root.
 */
final class LocalPostgres {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DATABASE = "wallet";
    /**
     * TCP on loopback only (the port is given at start), and no Unix socket, so this cluster never
     * clashes with the machine's own in /var/run/postgresql. fsync and synchronous_commit stay on.
     */
    private static final List<String> CLUSTER_SETTINGS = List.of("",
            "# Added by ./wallet: TCP on loopback only (the port is given at start), and no Unix socket, so this",
            "# cluster never clashes with the machine's own in /var/run/postgresql. fsync and",
            "# synchronous_commit stay on (the defaults).",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''");

    private final StackPaths paths;
    private final Console console;
    private final ManagedProcesses processes;

    LocalPostgres(StackPaths paths, Console console, ManagedProcesses processes) {
        this.paths = paths;
        this.console = console;
        this.processes = processes;
    }

    /** {@return the version of the cluster in ./data/postgres, if it holds one} */
    Optional<String> clusterVersion() {
        try {
            return Optional.of(Files.readString(paths.postgresData().resolve("PG_VERSION"), StandardCharsets.UTF_8).trim());
        } catch (IOException none) {
            return Optional.empty();
        }
    }

    /** {@return the binaries for the cluster in ./data/postgres (its version), or the newest for a new one} */
    Optional<Path> binaries() {
        return clusterVersion().map(PostgresBinaries::ofMajorVersion).orElseGet(PostgresBinaries::newest);
    }

    /** {@return whether the cluster in ./data/postgres runs: its postmaster.pid names a live postgres of it} */
    boolean clusterRunning() {
        try {
            List<String> lines = Files.readAllLines(paths.postgresData().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]{1,10}")) {
                return false;
            }
            return ManagedProcesses.commandLine(Long.parseLong(lines.get(0).strip()))
                    .contains(paths.postgresData().toString());
        } catch (IOException none) {
            return false;
        }
    }

    /** Creates the cluster in ./data/postgres if needed and starts it on {@code port}. */
    void startCluster(Path binaries, int port) {
        Path data = paths.postgresData();
        Optional<String> version = clusterVersion();
        if (version.isPresent() && !binaries.getParent().getFileName().toString().equals(version.get())) {
            throw new StackFailure("./data/postgres holds a PostgreSQL " + version.get() + " cluster but " + binaries
                    + " is another version; install postgresql-" + version.get() + " or move ./data/postgres away");
        }
        if (version.isEmpty() && nonEmptyDirectory(data)) {
            throw new StackFailure("./data/postgres exists but holds no PostgreSQL cluster (no PG_VERSION); move it away");
        }
        runQuietly(PostgresBinaries.asServerUser(List.of("test", "-x", paths.data().toString())),
                "the postgres OS user cannot reach " + paths.data() + " (a parent directory is not searchable by "
                        + "others); chmod o+x the parents or move the checkout");
        try {
            Files.createDirectories(data);
            runQuietly(List.of("chown", PostgresBinaries.USER + ":" + PostgresBinaries.USER, data.toString()),
                    "cannot give " + data + " to the postgres user");
            runQuietly(List.of("chmod", "700", data.toString()), "cannot chmod 700 " + data);
            if (version.isEmpty()) {
                initialise(binaries, data);
            }
            Path log = paths.log("postgres");
            processes.beginLog("postgres", log);
            runQuietly(List.of("chown", PostgresBinaries.USER + ":" + PostgresBinaries.USER, log.toString()),
                    "cannot give " + log + " to the postgres user");
            console.step("PostgreSQL: starting the cluster in ./data/postgres on 127.0.0.1:" + port);
            List<String> command = new ArrayList<>(List.of("setsid"));
            command.addAll(PostgresBinaries.asServerUser(List.of(binaries.resolve("pg_ctl").toString(), "-D",
                    data.toString(), "-l", log.toString(), "-o", "-p " + port, "-w", "-t",
                    Long.toString(TIMEOUT.toSeconds()), "start")));
            try (Progress.Ticker progress = console.progress(soFar -> "waiting for PostgreSQL on 127.0.0.1:" + port
                    + " (pg_ctl start -w) ... " + Progress.words(soFar) + " of at most " + Progress.words(TIMEOUT),
                    Console.PROGRESS_INTERVAL)) {
                Processes.run(command, TIMEOUT.plusSeconds(10));
            } catch (IOException failed) {
                processes.showLogTail("postgres", log);
                throw new StackFailure("PostgreSQL did not start within " + TIMEOUT.toSeconds() + "s");
            }
        } catch (IOException failure) {
            throw new StackFailure("cannot prepare ./data/postgres: " + failure.getMessage());
        }
    }

    private void initialise(Path binaries, Path data) throws IOException {
        console.step("PostgreSQL: creating a cluster in ./data/postgres (" + binaries.resolve("initdb")
                + ", as the postgres user)");
        // C collation: stable across glibc upgrades, and nothing here sorts human text.
        String output;
        try (Progress.Ticker progress = console.progress("initdb (creating the cluster)")) {
            output = Processes.run(PostgresBinaries.asServerUser(List.of(binaries.resolve("initdb").toString(),
                    "-D", data.toString(), "-U", PostgresBinaries.USER, "--auth=trust", "--encoding=UTF8",
                    "--no-locale")), TIMEOUT);
        } catch (IOException failed) {
            console.printError(failed.getMessage() + "\n");
            throw new StackFailure("initdb failed");
        }
        Files.createDirectories(paths.logs());
        Files.writeString(paths.log("postgres-initdb"), output, StandardCharsets.UTF_8);
        Files.write(data.resolve("postgresql.conf"), CLUSTER_SETTINGS, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Stops the cluster in ./data/postgres if it runs ({@code pg_ctl stop -m fast}). */
    void stopCluster(Path binaries) {
        if (!clusterRunning()) {
            return;
        }
        console.say("stopping PostgreSQL (cluster ./data/postgres): pg_ctl stop -m fast");
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(PostgresBinaries.asServerUser(List.of(binaries.resolve("pg_ctl").toString(), "-D",
                paths.postgresData().toString(), "-m", "fast", "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "stop")));
        try {
            Processes.run(command, TIMEOUT.plusSeconds(10));
        } catch (IOException failed) {
            console.warn("PostgreSQL did not stop; see data/logs/postgres.log");
        }
    }

    /** Creates the database {@code wallet} on the server at {@code port} if it is missing, as {@link DatabaseAccount#LOCAL}. */
    void ensureDatabase(int port) {
        try (Connection connection = DatabaseAccount.LOCAL.connect(port, "postgres", Duration.ofSeconds(30));
                Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rows.next();
            }
            if (!exists) {
                console.say("PostgreSQL: creating database " + DATABASE);
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException failure) {
            console.warn(failure.getMessage());
            throw new StackFailure("127.0.0.1:" + port + " answers, but user postgres cannot log in without a password"
                    + " or create database " + DATABASE + ". ./wallet needs a PostgreSQL there that trusts the postgres"
                    + " user on loopback, or nothing on that port (it then runs its own cluster in ./data/postgres);"
                    + " WALLET_DB_PORT picks another port.");
        }
    }

    private static boolean nonEmptyDirectory(Path directory) {
        try (var entries = Files.list(directory)) {
            return entries.findAny().isPresent();
        } catch (IOException absent) {
            return false;
        }
    }

    private static void runQuietly(List<String> command, String complaint) {
        try {
            Processes.run(command, Duration.ofSeconds(30));
        } catch (IOException failed) {
            throw new StackFailure(complaint);
        }
    }
}

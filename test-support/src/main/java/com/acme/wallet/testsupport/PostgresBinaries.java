package com.acme.wallet.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL server binaries (Debian's layout, {@code /usr/lib/postgresql/<major>/bin}),
 * and how to run them: PostgreSQL refuses to run as root, so as root every command runs as the
 * {@code postgres} operating-system user ({@code runuser}).
 */
public final class PostgresBinaries {

    /** The operating-system user, and the database superuser, the servers run as. */
    public static final String USER = "postgres";
    private static final Path ROOT = Path.of("/usr/lib/postgresql");

    private PostgresBinaries() {}

    /** {@return the newest installed server binaries, if any} */
    public static Optional<Path> newest() {
        return installed().stream().max(Comparator.comparingInt(bin -> majorVersion(bin.getParent())));
    }

    /**
     * {@return the binaries of one major version, if installed}
     *
     * @param major such as {@code 16}, as a cluster's {@code PG_VERSION} file holds it
     */
    public static Optional<Path> ofMajorVersion(String major) {
        return installed().stream().filter(bin -> bin.getParent().getFileName().toString().equals(major)).findFirst();
    }

    /** {@return whether this JVM runs as root, so that the servers must run as {@value #USER}} */
    public static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The command as the {@value #USER} user: prefixed with {@code runuser} when this JVM runs as root.
     *
     * @param command the program and its arguments
     * @return the command to run
     */
    public static List<String> asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runsAsRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        return full;
    }

    /**
     * Runs a command as the {@value #USER} user to completion, within {@code timeout}.
     *
     * @param command the program and its arguments
     * @param timeout the longest it may take
     * @throws IllegalStateException if it fails or does not finish in time, with its output
     */
    public static void runAsServerUser(List<String> command, Duration timeout) {
        try {
            Processes.run(asServerUser(command), timeout);
        } catch (IOException failure) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private static List<Path> installed() {
        if (!Files.isDirectory(ROOT)) {
            return List.of();
        }
        try (Stream<Path> versions = Files.list(ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                            && Files.isExecutable(bin.resolve("postgres")))
                    .toList();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static int majorVersion(Path directory) {
        try {
            return Integer.parseInt(directory.getFileName().toString());
        } catch (NumberFormatException notAVersion) {
            return 0;
        }
    }
}

package com.acme.wallet.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code up} decided, kept in {@code ./data/run/stack.env} for {@code down} and {@code status}.
 *
 * @param mode {@code local} or {@code docker}
 * @param postgres {@code none} (not yet), {@code local} (the cluster in ./data/postgres, started
 *     here), {@code external} (a server that already ran) or {@code docker}
 * @param postgresBinaries the server binaries of a local cluster, else empty
 * @param settings the ports
 * @param infraOnly whether the apps were left out
 * @param startedAt when, ISO-8601
 */
record StackState(String mode, String postgres, String postgresBinaries, StackSettings settings, boolean infraOnly,
        String startedAt) {

    StackState withPostgres(String kind, String binaries) {
        return new StackState(mode, kind, binaries, settings, infraOnly, startedAt);
    }

    boolean docker() {
        return "docker".equals(mode);
    }

    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("MODE", mode);
        properties.setProperty("PG", postgres);
        properties.setProperty("PG_BINDIR", postgresBinaries);
        properties.setProperty("API_PORT", Integer.toString(settings.apiPort()));
        properties.setProperty("DB_PORT", Integer.toString(settings.databasePort()));
        properties.setProperty("PULSAR_PORT", Integer.toString(settings.pulsarPort()));
        properties.setProperty("PULSAR_HTTP_PORT", Integer.toString(settings.pulsarHttpPort()));
        properties.setProperty("BOOKIE_PORT", Integer.toString(settings.bookiePort()));
        properties.setProperty("INFRA_ONLY", infraOnly ? "yes" : "no");
        properties.setProperty("STARTED_AT", startedAt);
        try {
            Files.createDirectories(file.getParent());
            Path scratch = file.resolveSibling(file.getFileName() + ".new");
            try (Writer writer = Files.newBufferedWriter(scratch, StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by ./wallet up; read by ./wallet down and status");
            }
            Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot write " + file, failure);
        }
    }

    /** {@return the state in {@code file}, empty if there is none or it cannot be read} */
    static Optional<StackState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            StackSettings settings = new StackSettings(StackSettings.Infrastructure.AUTO,
                    Integer.parseInt(properties.getProperty("API_PORT")),
                    Integer.parseInt(properties.getProperty("DB_PORT")),
                    Integer.parseInt(properties.getProperty("PULSAR_PORT")),
                    Integer.parseInt(properties.getProperty("PULSAR_HTTP_PORT")),
                    Integer.parseInt(properties.getProperty("BOOKIE_PORT")));
            return Optional.of(new StackState(properties.getProperty("MODE", "local"),
                    properties.getProperty("PG", "none"), properties.getProperty("PG_BINDIR", ""), settings,
                    "yes".equals(properties.getProperty("INFRA_ONLY")), properties.getProperty("STARTED_AT", "")));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}

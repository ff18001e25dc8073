package com.acme.wallet.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts PostgreSQL and Pulsar with docker-compose.yml and waits for PostgreSQL; the caller waits for Pulsar.
 * Only those two services: the file also runs both programs (which {@code up} runs itself) and, under a
 * profile, Prometheus and Grafana.
 */
final class ComposeStart {

    /** The services {@code up} starts with docker-compose.yml; the programs it starts itself. */
    static final List<String> INFRASTRUCTURE_SERVICES = List.of("postgres", "pulsar");

    private static final Pattern POSTGRES_IMAGE = Pattern.compile("(?m)^ *image: *postgres:([0-9]+)");
    /** The Pulsar image runs as uid 10000: a bind-mounted directory created by the engine would be root's. */
    private static final String PULSAR_IMAGE_USER = "10000:0";

    private final Stack stack;
    private final Compose compose;
    private final Waits waits;

    ComposeStart(Stack stack, Compose compose, Waits waits) {
        this.stack = stack;
        this.compose = compose;
        this.waits = waits;
    }

    void start() {
        StackPaths paths = stack.paths;
        Optional<String> cluster = stack.postgres.clusterVersion();
        Optional<String> image = postgresMajor(paths.composeFile());
        if (cluster.isPresent() && image.isPresent() && !cluster.equals(image)) {
            throw new StackFailure("./data/postgres holds a PostgreSQL " + cluster.get() + " cluster (from local mode?)"
                    + " but docker-compose.yml runs PostgreSQL " + image.get() + "; move ./data/postgres away or run"
                    + " WALLET_INFRA=local ./wallet up");
        }
        prepareData(paths);
        stack.console.say("PostgreSQL and Pulsar: docker compose up -d " + String.join(" ", INFRASTRUCTURE_SERVICES));
        try (Progress.Ticker progress = stack.console.progress("docker compose up")) {
            List<String> arguments = new ArrayList<>(List.of("up", "-d"));
            arguments.addAll(INFRASTRUCTURE_SERVICES);
            String output = compose.run(Compose.TIMEOUT, arguments.toArray(String[]::new));
            stack.console.print(output);
        } catch (IOException failure) {
            stack.console.printError(failure.getMessage() + "\n");
            throw new StackFailure("docker compose up failed (see above)");
        }
        compose.followLogs(stack.processes, "postgres");
        compose.followLogs(stack.processes, "pulsar");
        Waits.Outcome outcome = waits.until("PostgreSQL (docker)", LocalPostgres.TIMEOUT, () -> true,
                compose::postgresReady);
        switch (outcome) {
            case MET -> stack.console.say("PostgreSQL (docker): ready on 127.0.0.1:" + StackSettings.COMPOSE_DATABASE_PORT);
            case STOPPED -> throw new StackFailure("stop", StackFailure.INTERRUPTED);
            case EXITED, TIMED_OUT -> {
                stack.processes.showLogTail("logs-postgres", paths.log("postgres"));
                throw new StackFailure("PostgreSQL (docker) was not ready within " + LocalPostgres.TIMEOUT.toSeconds()
                        + "s");
            }
        }
    }

    /**
     * Creates the directories docker-compose.yml mounts under ./data, before the engine would create
     * them as root's: Pulsar's must be its image's user's. The files it mounts too: the REST API's
     * token file and the development token Prometheus scrapes with ({@link DevToken}), which the
     * engine would otherwise replace with empty directories.
     */
    static void prepareData(StackPaths paths) {
        try {
            DevToken.ensure(paths.data());
        } catch (UncheckedIOException failure) {
            throw new StackFailure("cannot prepare ./data for docker compose: " + failure.getMessage());
        }
        try {
            Files.createDirectories(paths.postgresData());
            Files.createDirectories(paths.pulsarData());
            com.acme.wallet.testsupport.Processes.run(
                    List.of("chown", "-R", PULSAR_IMAGE_USER, paths.pulsarData().toString()), LocalPostgres.TIMEOUT);
        } catch (IOException failure) {
            throw new StackFailure("cannot prepare ./data for docker compose: " + failure.getMessage());
        }
    }

    static Optional<String> postgresMajor(Path composeFile) {
        try {
            Matcher matcher = POSTGRES_IMAGE.matcher(Files.readString(composeFile, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}

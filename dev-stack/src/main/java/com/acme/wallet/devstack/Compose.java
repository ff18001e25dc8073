package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.Processes;
import com.acme.wallet.testsupport.PulsarDistribution;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docker-compose.yml, where a Docker engine answers: {@code docker compose} or {@code docker-compose},
 * project {@code wallet}. The Pulsar image's tag is the pom's {@code pulsar.version}, passed as
 * {@code WALLET_PULSAR_VERSION}.
 */
final class Compose {

    static final Duration TIMEOUT = Duration.ofSeconds(900);
    private static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(15);

    private final StackPaths paths;
    private final List<String> program;

    private Compose(StackPaths paths, List<String> program) {
        this.paths = paths;
        this.program = program;
    }

    /** {@return whether {@code docker info} succeeds within 15 s} */
    static boolean engineAnswers() {
        try {
            Processes.run(List.of("docker", "info"), QUESTION_TIMEOUT);
            return true;
        } catch (IOException noEngine) {
            return false;
        }
    }

    /** {@return {@code docker compose} or else {@code docker-compose}, whichever runs} */
    static Optional<Compose> find(StackPaths paths) {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Processes.run(version, QUESTION_TIMEOUT);
                return Optional.of(new Compose(paths, candidate));
            } catch (IOException absent) {
                // Try the next.
            }
        }
        return Optional.empty();
    }

    /** {@return the full command line of a compose subcommand} */
    List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "WALLET_PULSAR_VERSION=" + PulsarDistribution.version()));
        command.addAll(program);
        command.addAll(List.of("-p", "wallet", "-f", paths.composeFile().toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Runs a compose subcommand to completion within {@code timeout}.
     *
     * @return its output
     * @throws IOException if it fails
     */
    String run(Duration timeout, String... arguments) throws IOException {
        return Processes.run(command(arguments), timeout);
    }

    boolean postgresReady() {
        try {
            run(QUESTION_TIMEOUT, "exec", "-T", "postgres", "pg_isready", "-q", "-U", "wallet", "-d", "wallet");
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    boolean serviceRunning(String service) {
        try {
            return run(QUESTION_TIMEOUT, "ps", "--services", "--filter", "status=running").lines()
                    .anyMatch(service::equals);
        } catch (IOException unknown) {
            return false;
        }
    }

    boolean anyContainer() {
        try {
            return !run(QUESTION_TIMEOUT, "ps", "-q").isBlank();
        } catch (IOException unknown) {
            return false;
        }
    }

    /** Follows a service's logs into its log file, detached, as component {@code logs-<service>}. */
    void followLogs(ManagedProcesses processes, String service) {
        processes.startDetached("logs-" + service, paths.log(service),
                command("logs", "--no-color", "-f", service), Map.of(), paths.root());
    }
}

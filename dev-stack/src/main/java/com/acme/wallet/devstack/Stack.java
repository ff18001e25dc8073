package com.acme.wallet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The stack as ./wallet sees it: its parts, what runs of them, and stopping it in order. */
final class Stack {

    static final Duration APP_STOP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PULSAR_STOP_TIMEOUT = Duration.ofSeconds(60);
    static final String REST_API = "rest-api";
    static final String BATCH_CONSUMER = "batch-consumer";

    final StackPaths paths;
    final Console console;
    final ManagedProcesses processes;
    final LocalPostgres postgres;
    final LocalPulsar pulsar;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Stack(StackPaths paths, Console console) {
        this.paths = paths;
        this.console = console;
        this.processes = new ManagedProcesses(paths, console);
        this.postgres = new LocalPostgres(paths, console, processes);
        this.pulsar = new LocalPulsar(paths, console, processes);
    }

    Optional<StackState> state() {
        return StackState.read(paths.stackEnv());
    }

    /** {@return the parts that run, from the pid files and stack.env} */
    List<String> runningComponents() {
        List<String> running = new ArrayList<>();
        for (String name : List.of(REST_API, BATCH_CONSUMER, LocalPulsar.NAME)) {
            if (processes.running(name)) {
                running.add(name);
            }
        }
        state().ifPresent(state -> {
            if ("local".equals(state.postgres()) && postgres.clusterRunning()) {
                running.add("postgres");
            }
            if (state.docker() && Compose.find(paths).map(Compose::anyContainer).orElse(false)) {
                running.add("docker compose services");
            }
        });
        return running;
    }

    /** {@return the HTTP status of the REST API's /health, 0 when it does not answer within 3 s} */
    int healthStatus(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return 0;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Stops everything, in reverse order of start; safe when parts never started. */
    void stop() {
        Path stopping = paths.run().resolve("stopping");
        touch(stopping);
        processes.stop(BATCH_CONSUMER, APP_STOP_TIMEOUT);
        processes.stop(REST_API, APP_STOP_TIMEOUT);
        Optional<StackState> state = state();
        if (state.map(StackState::docker).orElse(false)) {
            Compose.find(paths).ifPresent(compose -> {
                console.say("stopping PostgreSQL and Pulsar: docker compose down");
                try {
                    compose.run(Compose.TIMEOUT, "down");
                } catch (IOException failed) {
                    console.warn("docker compose down failed; see: docker compose -p wallet ps");
                }
            });
            processes.stop("logs-pulsar", Duration.ofSeconds(5));
            processes.stop("logs-postgres", Duration.ofSeconds(5));
        } else {
            processes.stop(LocalPulsar.NAME, PULSAR_STOP_TIMEOUT);
            state.filter(known -> "local".equals(known.postgres()) && !known.postgresBinaries().isEmpty())
                    .ifPresent(known -> postgres.stopCluster(Path.of(known.postgresBinaries())));
        }
        delete(paths.stackEnv());
        delete(stopping);
    }

    /** Forgets the state of a stack that is gone: stack.env, pid files, the stop marker. */
    void forgetStaleState() {
        delete(paths.stackEnv());
        delete(paths.run().resolve("stopping"));
        for (String name : List.of(REST_API, BATCH_CONSUMER, LocalPulsar.NAME, "logs-postgres", "logs-pulsar")) {
            processes.deletePidFile(name);
        }
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException ignored) {
            // Only a hint for a foreground `up`: it then says "stopped by ./wallet down".
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException failure) {
            console.warn("could not delete " + file + ": " + failure.getMessage());
        }
    }
}

package com.acme.wallet.devstack;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./wallet status}: what runs; exit status 0 when everything does, 3 otherwise. */
@Command(name = "status")
final class StatusCommand implements Callable<Integer> {

    static final int NOT_ALL_RUNNING = 3;

    private final Stack stack;

    StatusCommand(Stack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        Optional<StackState> known = stack.state();
        if (known.isEmpty()) {
            stack.console.say("not started by ./wallet (no ./data/run/stack.env)");
            List<String> running = stack.runningComponents();
            if (!running.isEmpty()) {
                stack.console.say("but these still run: " + String.join(" ", running));
            }
            return NOT_ALL_RUNNING;
        }
        StackState state = known.get();
        StackSettings settings = state.settings();
        boolean all = true;
        line("infrastructure", state.docker() ? "docker compose (docker-compose.yml)" : "local processes");
        String postgres;
        switch (state.postgres()) {
            case "local" -> {
                all &= stack.postgres.clusterRunning();
                postgres = stack.postgres.clusterRunning()
                        ? "running: cluster ./data/postgres on 127.0.0.1:" + settings.databasePort() + " (started by ./wallet)"
                        : "NOT running (cluster ./data/postgres)";
            }
            case "external" -> {
                boolean open = Ports.open(settings.databasePort());
                all &= open;
                postgres = open ? "running: the server already on 127.0.0.1:" + settings.databasePort()
                        + " (not managed by ./wallet)" : "NOT reachable on 127.0.0.1:" + settings.databasePort();
            }
            case "docker" -> {
                boolean up = Compose.find(stack.paths).map(compose -> compose.serviceRunning("postgres")).orElse(false);
                all &= up;
                postgres = up ? "running: docker compose service postgres on 127.0.0.1:5432"
                        : "NOT running (docker compose service postgres)";
            }
            default -> {
                all = false;
                postgres = "not started";
            }
        }
        line("postgresql", postgres);
        all &= pulsar(state);
        if (state.infraOnly()) {
            line("apps", "not started (up --infra-only)");
        } else {
            OptionalLong api = stack.processes.pidOf(Stack.REST_API);
            all &= api.isPresent();
            line(Stack.REST_API, api.isPresent() ? "running: pid " + api.getAsLong() + ", http://127.0.0.1:"
                    + settings.apiPort() + "/health answers " + String.format("%03d", stack.healthStatus(settings.apiPort()))
                    : "NOT running");
            OptionalLong consumer = stack.processes.pidOf(Stack.BATCH_CONSUMER);
            all &= consumer.isPresent();
            line(Stack.BATCH_CONSUMER, consumer.isPresent() ? "running: pid " + consumer.getAsLong() : "NOT running");
        }
        return all ? 0 : NOT_ALL_RUNNING;
    }

    private boolean pulsar(StackState state) {
        StackSettings settings = state.settings();
        String ready = LocalPulsar.ready(settings) ? "ready" : "NOT ready";
        if (state.docker()) {
            line("pulsar", ready + " on pulsar://127.0.0.1:" + settings.pulsarPort() + " (docker)");
            return true;
        }
        OptionalLong pid = stack.processes.pidOf(LocalPulsar.NAME);
        line("pulsar", pid.isPresent() ? "running: pid " + pid.getAsLong() + ", " + ready + ", pulsar://127.0.0.1:"
                + settings.pulsarPort() : "NOT running");
        return pid.isPresent();
    }

    private void line(String what, String state) {
        stack.console.print(String.format("%-16s %s%n", what, state));
    }
}

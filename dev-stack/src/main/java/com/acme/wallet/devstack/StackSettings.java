package com.acme.wallet.devstack;

import java.util.Locale;
import java.util.Map;

/**
 * The ports and the infrastructure choice, from the environment (see {@code ./wallet help}), each
 * with its default.
 *
 * @param infrastructure {@code WALLET_INFRA}
 * @param apiPort {@code WALLET_PORT}, the REST API
 * @param databasePort {@code WALLET_DB_PORT}, PostgreSQL
 * @param pulsarPort {@code WALLET_PULSAR_PORT}, Pulsar's binary protocol
 * @param pulsarHttpPort {@code WALLET_PULSAR_HTTP_PORT}, Pulsar's admin API
 * @param bookiePort {@code WALLET_BOOKIE_PORT}, Pulsar's embedded bookie
 */
record StackSettings(Infrastructure infrastructure, int apiPort, int databasePort, int pulsarPort,
        int pulsarHttpPort, int bookiePort) {

    /** Where PostgreSQL and Pulsar come from. */
    enum Infrastructure {
        /** Docker Compose where an engine answers, else local processes. */
        AUTO,
        /** docker-compose.yml. */
        DOCKER,
        /** Local processes: the machine's PostgreSQL binaries and Pulsar's distribution. */
        LOCAL
    }

    /** The ports docker-compose.yml publishes: with Docker, the infrastructure's ports are these. */
    static final int COMPOSE_DATABASE_PORT = 5432;
    static final int COMPOSE_PULSAR_PORT = 6650;
    static final int COMPOSE_PULSAR_HTTP_PORT = 8080;

    StackSettings {
        for (int port : new int[] {apiPort, databasePort, pulsarPort, pulsarHttpPort, bookiePort}) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
    }

    /**
     * Reads the settings.
     *
     * @param environment the process environment
     * @return the settings, defaults for what is not set
     * @throws StackFailure (status 1) if a variable holds something else than it may
     */
    static StackSettings fromEnvironment(Map<String, String> environment) {
        return new StackSettings(infrastructure(environment.get("WALLET_INFRA")),
                port(environment, "WALLET_PORT", 8081),
                port(environment, "WALLET_DB_PORT", 5432),
                port(environment, "WALLET_PULSAR_PORT", 6650),
                port(environment, "WALLET_PULSAR_HTTP_PORT", 8080),
                port(environment, "WALLET_BOOKIE_PORT", 3181));
    }

    /** {@return these settings with the infrastructure's ports that docker-compose.yml fixes} */
    StackSettings withComposePorts() {
        return new StackSettings(infrastructure, apiPort, COMPOSE_DATABASE_PORT, COMPOSE_PULSAR_PORT,
                COMPOSE_PULSAR_HTTP_PORT, bookiePort);
    }

    private static Infrastructure infrastructure(String value) {
        if (value == null || value.isEmpty()) {
            return Infrastructure.AUTO;
        }
        try {
            return Infrastructure.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new StackFailure("WALLET_INFRA must be auto, docker or local (not " + value + ")");
        }
    }

    private static int port(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 65_535) {
            throw new StackFailure(name + " must be a TCP port, 1 to 65535 (not " + value + ")");
        }
        return Integer.parseInt(value);
    }
}

package com.acme.wallet.app.restapi;

import com.acme.wallet.adapter.http.HttpSettings;
import java.util.Locale;
import java.util.Map;

/**
 * The REST API's configuration, read from environment variables with stated defaults.
 *
 * @param http where to listen and the HTTP limits
 * @param log which event log to run on
 */
record RestApiConfig(HttpSettings http, LogKind log) {

    /** The event logs the program can run on. */
    enum LogKind {
        /** In this process's memory: not durable, for trying the API only. */
        MEMORY
    }

    /**
     * Reads the configuration.
     *
     * @param environment the variables, usually {@link System#getenv()}
     * @return the configuration
     * @throws IllegalArgumentException with a message for the operator if a value is missing or wrong
     */
    static RestApiConfig fromEnvironment(Map<String, String> environment) {
        String host = environment.getOrDefault("WALLET_HOST", "0.0.0.0");
        int port = integer(environment, "WALLET_PORT", HttpSettings.DEFAULT_PORT);
        return new RestApiConfig(HttpSettings.defaults(host, port), logKind(environment.get("WALLET_LOG")));
    }

    private static LogKind logKind(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no durable event log is configured. Set WALLET_LOG=memory to run on "
                    + "an in-memory log that loses every balance when the process stops (for trying the API only).");
        }
        if (value.trim().toLowerCase(Locale.ROOT).equals("memory")) {
            return LogKind.MEMORY;
        }
        throw new IllegalArgumentException("WALLET_LOG=" + value + " is not supported; the supported value is: memory");
    }

    private static int integer(Map<String, String> environment, String name, int defaultValue) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}

package com.acme.wallet.app.restapi;

import sun.misc.Signal;

/**
 * Starts the wallet REST API. Configuration comes from environment variables (see the README).
 *
 * <p>SIGTERM and SIGINT stop it gracefully: it takes no new requests, finishes those in flight,
 * closes the log and exits with status 0.
 */
public final class RestApiMain {

    private RestApiMain() {}

    /**
     * Runs the API until it is told to stop.
     *
     * @param arguments none are taken
     */
    public static void main(String[] arguments) {
        RestApiConfig config;
        try {
            config = RestApiConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException wrongConfiguration) {
            System.err.println("wallet REST API not started: " + wrongConfiguration.getMessage());
            System.exit(2);
            return;
        }
        RestApi api = RestApi.start(config);
        // Handling the signals ourselves (rather than only a shutdown hook) lets a graceful stop exit with 0.
        Signal.handle(new Signal("TERM"), signal -> stopAndExit(api));
        Signal.handle(new Signal("INT"), signal -> stopAndExit(api));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "wallet-shutdown"));
    }

    private static void stopAndExit(RestApi api) {
        api.close();
        System.exit(0);
    }
}

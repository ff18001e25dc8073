package com.acme.wallet.app.batchconsumer;

/**
 * Will persist the event log into PostgreSQL in batches, exactly once.
 *
 * <p>The durable path (Pulsar event log, PostgreSQL store) is not built yet, so this program
 * refuses to start rather than pretend to persist anything.
 */
public final class BatchConsumerMain {

    private BatchConsumerMain() {}

    /**
     * Exits at once with status 2 and says why.
     *
     * @param arguments none are taken
     */
    public static void main(String[] arguments) {
        System.err.println("wallet batch consumer not started: the durable path (Pulsar event log and PostgreSQL "
                + "store) is not built yet. The REST API runs on WALLET_LOG=memory meanwhile.");
        System.exit(2);
    }
}

package com.acme.wallet.endtoend;

import com.acme.wallet.testsupport.PrivatePostgres;
import com.acme.wallet.testsupport.PrivatePulsar;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL cluster and a Pulsar broker of a test class's own, which its faults may stop, pause
 * and restore without touching anyone else's: started before the class's tests, stopped after
 * them. Register it as a static field with {@code @RegisterExtension}; it makes the class's
 * {@link FaultHarness}es.
 */
final class PrivateStack implements BeforeAllCallback, AfterAllCallback {

    private PrivatePostgres postgres;
    private PrivatePulsar pulsar;

    @Override
    public void beforeAll(ExtensionContext context) {
        postgres = PrivatePostgres.start();
        pulsar = PrivatePulsar.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pulsar != null) {
            pulsar.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** {@return a harness over this stack: its own topic and database, both programs started} */
    FaultHarness harness(long seed, int wallets, int clients) {
        return new FaultHarness(seed, pulsar, postgres, wallets, clients);
    }
}

package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7: PostgreSQL and the log stay one history. PostgreSQL restored from an older dump while
 * clients keep sending loses nothing: the batch consumer starts from the position stored in the
 * restored database, not from its subscription's cursor, which had moved past the dump.
 *
 * <p>Both programs run as processes on a broker and a PostgreSQL server of this class's own (the
 * database is dropped and restored). {@code -Dwallet.fault.seed=N} reproduces a run's traffic.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class PostgresRestoreIT {

    private static final int WALLETS = 100;
    private static final int CLIENTS = 4;
    /** Enough for the consumer to persist and acknowledge well past the dump before the restore. */
    private static final Duration TRAFFIC_AFTER_DUMP = Duration.ofSeconds(5);

    @RegisterExtension
    static final PrivateStack STACK = new PrivateStack();

    @Test
    void an_older_postgres_dump_restored_under_traffic_loses_no_acknowledged_change() {
        long seed = Long.getLong("wallet.fault.seed", System.nanoTime());
        try (FaultHarness harness = STACK.harness(seed, WALLETS, CLIENTS)) {
            harness.run(Duration.ofSeconds(3));
            harness.restoreOlderDump(TRAFFIC_AFTER_DUMP);
            harness.run(Duration.ofSeconds(2));
            LedgerAudit.Summary summary = harness.finish();

            assertThat(harness.violations()).as(harness.report()).isEmpty();
            assertThat(harness.faults()).as(harness.report()).hasSize(1);
            assertThat(summary.acknowledged()).as("changes acknowledged").isPositive();
        }
    }
}

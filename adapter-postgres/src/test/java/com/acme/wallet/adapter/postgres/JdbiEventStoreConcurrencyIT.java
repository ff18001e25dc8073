package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistedBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two batch consumers overlapping, as they may for a moment during a failover: both persist the
 * same batches at the same time. Every event must still be stored exactly once.
 */
class JdbiEventStoreConcurrencyIT {

    private static final int WALLETS = 20;
    private static final int BATCHES = 40;
    private static final int ATTEMPTS_MAX = 20;

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private final LedgerModel model = new LedgerModel();

    @Test
    void two_writers_persisting_the_same_batches_at_once_store_every_event_once() throws Exception {
        List<List<LoggedEvent>> batches = batches(new Random(7));
        int events = batches.stream().mapToInt(List::size).sum();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = writers.submit(() -> persistAll(batches, together));
            Future<Integer> second = writers.submit(() -> persistAll(batches, together));

            int persisted = first.get(2, TimeUnit.MINUTES) + second.get(2, TimeUnit.MINUTES);

            assertThat(persisted).isEqualTo(events);
        } finally {
            writers.shutdownNow();
        }
        JdbiLedgerQueries ledger = new JdbiLedgerQueries(database.jdbi());
        assertThat(ledger.transactionCount()).isEqualTo(events);
        assertThat(ledger.balancesDisagreeingWithTransactions()).isEmpty();
        model.balances().forEach((id, balance) -> assertThat(ledger.walletBalance(id)).hasValue(balance));
    }

    /** Persists every batch, retrying what the port says is safe to retry; returns how many were new. */
    private int persistAll(List<List<LoggedEvent>> batches, CyclicBarrier together) throws Exception {
        JdbiEventStore store = new JdbiEventStore(database.jdbi(), new TickingClock());
        int persisted = 0;
        for (List<LoggedEvent> batch : batches) {
            together.await(30, TimeUnit.SECONDS);
            persisted += persistWithRetries(store, batch).persisted();
        }
        return persisted;
    }

    private static PersistedBatch persistWithRetries(JdbiEventStore store, List<LoggedEvent> batch)
            throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.persist(batch);
            } catch (IllegalStateException moneyRuleBroken) {
                throw moneyRuleBroken;
            } catch (RuntimeException retrySafe) {
                if (attempt == ATTEMPTS_MAX) {
                    throw retrySafe;
                }
                Thread.sleep(Duration.ofMillis(5L * attempt).toMillis());
            }
        }
    }

    /** Batches that open wallets as they go and change the open ones, never below zero. */
    private List<List<LoggedEvent>> batches(Random random) {
        List<List<LoggedEvent>> batches = new ArrayList<>();
        int opened = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            List<LoggedEvent> events = new ArrayList<>();
            if (opened < WALLETS) {
                events.add(model.record(log.open("player-" + opened, 1_000)));
                opened++;
            }
            for (int change = 0; change < 10; change++) {
                String id = "player-" + random.nextInt(opened);
                String reference = "ref-" + batch + "-" + change;
                events.add(model.record(random.nextBoolean()
                        ? log.add(id, reference, 1 + random.nextInt(100))
                        : log.remove(id, reference, 1 + random.nextInt(10))));
            }
            batches.add(events);
        }
        return batches;
    }
}

package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiWalletSnapshotsIT {

    private static final WalletId ALICE = WalletId.of("alice");
    private static final WalletId BOB = WalletId.of("bob");

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog partitionZero = new TestLog("persistent://public/default/transactions-partition-0");
    private final TestLog partitionOne = new TestLog("persistent://public/default/transactions-partition-1");
    private JdbiEventStore store;
    private JdbiWalletSnapshots snapshots;

    @BeforeEach
    void createAdapters() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
        snapshots = new JdbiWalletSnapshots(database.jdbi());
    }

    @Test
    void a_snapshot_holds_the_persisted_balances_sequences_and_positions_and_no_history() {
        LoggedEvent aliceOpening = partitionZero.open("alice", 1_000);
        LoggedEvent bobOpening = partitionOne.open("bob", 0);
        LoggedEvent aliceWin = partitionZero.add("alice", "won-1", 500);
        LoggedEvent aliceBet = partitionZero.remove("alice", "bet-1", 300);
        LoggedEvent bobWin = partitionOne.add("bob", "won-1", 7);
        store.persist(List.of(aliceOpening, bobOpening, aliceWin));
        store.persist(List.of(aliceBet, bobWin));

        Map<WalletId, Wallet> wallets = new LinkedHashMap<>();
        LogPositions positions = snapshots.loadAll(wallet -> wallets.put(wallet.id(), wallet));

        assertThat(wallets).containsOnlyKeys(ALICE, BOB);
        assertThat(wallets.get(ALICE).balanceCents()).isEqualTo(1_200);
        assertThat(wallets.get(ALICE).lastSequence()).isEqualTo(3);
        assertThat(wallets.get(BOB).balanceCents()).isEqualTo(7);
        assertThat(wallets.get(BOB).lastSequence()).isEqualTo(2);
        // The history stays in the database, where a reference is looked up when a client names it.
        assertThat(wallets.values()).allSatisfy(wallet -> {
            assertThat(wallet.rememberedCount()).isZero();
            assertThat(wallet.forgottenThrough()).isEqualTo(wallet.lastSequence());
        });
        assertThat(positions).isEqualTo(LogPositions.of(List.of(aliceBet.position(), bobWin.position())));
    }

    @Test
    void a_wallet_with_bets_wins_rollbacks_and_refusals_loads_at_its_stored_balance_and_sequence() {
        DecidingLog writer = new DecidingLog(partitionZero);
        List<LoggedEvent> events = JdbiEventStoreBettingIT.everyOutcome(writer, "alice");
        store.persist(events);
        List<Wallet> loaded = new ArrayList<>();

        snapshots.loadAll(loaded::add);

        assertThat(loaded).singleElement().satisfies(wallet -> {
            assertThat(wallet.balanceCents()).isEqualTo(writer.wallet("alice").balanceCents());
            assertThat(wallet.lastSequence()).isEqualTo(events.size());
        });
    }

    @Test
    void an_empty_database_holds_no_wallets_and_no_positions() {
        List<Wallet> loaded = new ArrayList<>();

        assertThat(snapshots.loadAll(loaded::add)).isEqualTo(LogPositions.none());
        assertThat(loaded).isEmpty();
    }

    @Test
    void many_wallets_stream_through_in_one_snapshot() {
        LedgerModel model = new LedgerModel();
        List<LoggedEvent> batch = new ArrayList<>();
        for (int wallet = 0; wallet < 2_000; wallet++) {
            batch.add(model.record(partitionZero.open("player-" + wallet, wallet)));
            batch.add(model.record(partitionZero.add("player-" + wallet, "won", 1)));
        }
        store.persist(batch);
        Map<WalletId, Long> balances = new LinkedHashMap<>();

        snapshots.loadAll(wallet -> balances.put(wallet.id(), wallet.balanceCents()));

        assertThat(balances).isEqualTo(model.balances());
    }

    @Test
    void a_connection_used_for_a_snapshot_goes_back_to_the_pool_writable() {
        PostgresSettings defaults = database.settings();
        PostgresSettings oneConnection = new PostgresSettings(defaults.jdbcUrl(), defaults.user(),
                defaults.password(), 1, defaults.connectionTimeout(), defaults.statementTimeout());
        try (PostgresDatabase single = PostgresDatabase.open(oneConnection)) {
            new JdbiWalletSnapshots(single.jdbi()).loadAll(wallet -> { });

            PersistedBatch result = new JdbiEventStore(single.jdbi(), new TickingClock())
                    .persist(List.of(partitionZero.open("alice", 10)));

            assertThat(result).isEqualTo(new PersistedBatch(1, 0));
        }
    }
}

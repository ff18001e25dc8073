package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.LogPositions;
import com.acme.wallet.domain.LoggedEvent;
import com.acme.wallet.domain.PersistedBatch;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    void a_snapshot_holds_the_persisted_balances_sequences_changes_and_positions() {
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
        assertThat(wallets.get(ALICE).appliedChanges()).containsExactlyInAnyOrder(
                applied(aliceWin, 1_500), applied(aliceBet, 1_200));
        assertThat(wallets.get(BOB).balanceCents()).isEqualTo(7);
        assertThat(wallets.get(BOB).appliedChanges()).containsExactly(applied(bobWin, 7));
        assertThat(positions).isEqualTo(LogPositions.of(List.of(aliceBet.position(), bobWin.position())));
    }

    @Test
    void a_restored_wallet_answers_a_retried_reference_with_its_first_result() {
        LoggedEvent opening = partitionZero.open("alice", 100);
        LoggedEvent win = partitionZero.add("alice", "won-1", 500);
        store.persist(List.of(opening, win, partitionZero.remove("alice", "bet-1", 50)));
        List<Wallet> loaded = new ArrayList<>();
        snapshots.load(ALICE, loaded::add);

        Decision<ChangeOutcome> retry = loaded.get(0).decideChange(FundsOperation.ADD, Amount.positive(500),
                Reference.of("won-1"), new EventStamp(UUID.randomUUID(), Instant.parse("2025-02-01T00:00:00Z")));

        assertThat(retry).isEqualTo(new Decision.Settled<>(new ChangeOutcome.Replayed(applied(win, 600))));
    }

    @Test
    void loading_one_wallet_gives_that_wallet_and_every_position() {
        LoggedEvent bobOpening = partitionOne.open("bob", 20);
        store.persist(List.of(partitionZero.open("alice", 10), bobOpening));
        List<Wallet> loaded = new ArrayList<>();

        LogPositions positions = snapshots.load(BOB, loaded::add);

        assertThat(loaded).extracting(Wallet::id, Wallet::balanceCents).containsExactly(
                tuple(BOB, 20L));
        assertThat(positions.all()).hasSize(2);
        assertThat(positions.of(bobOpening.position().partition())).contains(bobOpening.position());
    }

    @Test
    void an_unknown_wallet_loads_nothing_but_the_positions() {
        LoggedEvent opening = partitionZero.open("alice", 10);
        store.persist(List.of(opening));
        List<Wallet> loaded = new ArrayList<>();

        LogPositions positions = snapshots.load(WalletId.of("nobody"), loaded::add);

        assertThat(loaded).isEmpty();
        assertThat(positions).isEqualTo(LogPositions.of(List.of(opening.position())));
    }

    @Test
    void an_empty_database_holds_no_wallets_and_no_positions() {
        List<Wallet> loaded = new ArrayList<>();

        assertThat(snapshots.loadAll(loaded::add)).isEqualTo(LogPositions.none());
        assertThat(loaded).isEmpty();
    }

    @Test
    void a_stored_balance_that_disagrees_with_the_transactions_fails_the_load() {
        store.persist(List.of(partitionZero.open("alice", 10), partitionZero.add("alice", "won-1", 5)));
        database.jdbi().useHandle(handle -> handle.execute("UPDATE wallets SET balance_cents = 16"));

        assertThatThrownBy(() -> snapshots.loadAll(wallet -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stores balance 16 but its transactions sum to 15");
    }

    @Test
    void a_stored_balance_after_that_disagrees_with_the_running_sum_fails_the_load() {
        store.persist(List.of(partitionZero.open("alice", 10), partitionZero.add("alice", "won-1", 5)));
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE transactions SET balance_after_cents = 99 WHERE sequence = 2"));

        assertThatThrownBy(() -> snapshots.load(ALICE, wallet -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stores balance 99 after sequence 2");
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

    private static AppliedChange applied(LoggedEvent logged, long balanceAfterCents) {
        return AppliedChange.of((FundsChanged) logged.event(), balanceAfterCents);
    }
}

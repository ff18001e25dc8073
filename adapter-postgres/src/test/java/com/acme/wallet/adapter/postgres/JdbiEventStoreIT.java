package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.adapter.postgres.FreshWalletDatabase.StoredTransaction;
import com.acme.wallet.adapter.postgres.FreshWalletDatabase.StoredWalletRow;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.domain.FundsOperation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiEventStoreIT {

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private JdbiEventStore store;

    @BeforeEach
    void createStore() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
    }

    @Test
    void a_batch_stores_openings_credits_and_debits_with_their_balances_and_its_position() {
        List<LoggedEvent> batch = List.of(
                log.open("alice", 1_000), log.add("alice", "won-1", 500), log.open("bob", 0),
                log.remove("alice", "bet-1", 300), log.add("bob", "bonus-1", 25));

        PersistedBatch result = store.persist(batch);

        assertThat(result).isEqualTo(new PersistedBatch(5, 0));
        assertThat(database.transactions()).containsExactly(
                new StoredTransaction("alice", 1, "OPEN", null, 1_000, 1_000),
                new StoredTransaction("alice", 2, "ADD", "won-1", 500, 1_500),
                new StoredTransaction("alice", 3, "REMOVE", "bet-1", 300, 1_200),
                new StoredTransaction("bob", 1, "OPEN", null, 0, 0),
                new StoredTransaction("bob", 2, "ADD", "bonus-1", 25, 25));
        assertThat(database.wallets()).extracting(StoredWalletRow::walletId, StoredWalletRow::balanceCents,
                StoredWalletRow::lastSequence).containsExactly(
                        tuple("alice", 1_200L, 3L),
                        tuple("bob", 25L, 2L));
        assertThat(database.positions()).containsExactly(lastOf(batch));
    }

    @Test
    void the_same_batch_again_counts_only_duplicates_and_changes_nothing() {
        List<LoggedEvent> batch = List.of(log.open("alice", 1_000), log.remove("alice", "bet-1", 400));
        store.persist(batch);
        List<StoredTransaction> transactions = database.transactions();
        List<StoredWalletRow> wallets = database.wallets();

        PersistedBatch again = store.persist(batch);

        assertThat(again).isEqualTo(new PersistedBatch(0, 2));
        assertThat(database.transactions()).isEqualTo(transactions);
        assertThat(database.wallets()).isEqualTo(wallets);
        assertThat(database.positions()).containsExactly(lastOf(batch));
    }

    @Test
    void a_debit_below_zero_fails_the_whole_batch_and_stores_nothing_of_it() {
        LoggedEvent opening = log.open("alice", 100);
        store.persist(List.of(opening));
        List<StoredWalletRow> wallets = database.wallets();

        List<LoggedEvent> overdraft = List.of(
                log.open("bob", 50), log.add("alice", "won-1", 10), log.remove("alice", "bet-1", 500));

        assertThatThrownBy(() -> store.persist(overdraft))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative");
        assertThat(database.transactions()).containsExactly(new StoredTransaction("alice", 1, "OPEN", null, 100, 100));
        assertThat(database.wallets()).isEqualTo(wallets);
        assertThat(database.positions()).containsExactly(opening.position().toString());
    }

    @Test
    void a_redelivered_prefix_with_new_events_stores_only_the_new_ones() {
        LoggedEvent opening = log.open("alice", 1_000);
        LoggedEvent firstBet = log.remove("alice", "bet-1", 100);
        LoggedEvent firstWin = log.add("alice", "won-1", 300);
        store.persist(List.of(opening, firstBet, firstWin));
        List<LoggedEvent> redelivered = List.of(firstBet, firstWin, log.remove("alice", "bet-2", 50),
                log.open("bob", 70));

        PersistedBatch result = store.persist(redelivered);

        assertThat(result).isEqualTo(new PersistedBatch(2, 2));
        assertThat(database.transactions()).extracting(StoredTransaction::walletId, StoredTransaction::sequence,
                StoredTransaction::balanceAfterCents).containsExactly(
                        tuple("alice", 1L, 1_000L),
                        tuple("alice", 2L, 900L),
                        tuple("alice", 3L, 1_200L),
                        tuple("alice", 4L, 1_150L),
                        tuple("bob", 1L, 70L));
        assertThat(database.positions()).containsExactly(lastOf(redelivered));
    }

    @Test
    void an_event_repeated_within_one_batch_is_stored_once() {
        LoggedEvent opening = log.open("alice", 10);
        LoggedEvent win = log.add("alice", "won-1", 5);

        PersistedBatch result = store.persist(List.of(opening, win, opening, win));

        assertThat(result).isEqualTo(new PersistedBatch(2, 2));
        assertThat(database.transactions()).hasSize(2);
    }

    @Test
    void a_stored_event_delivered_twice_in_one_batch_counts_twice_as_a_duplicate() {
        LoggedEvent opening = log.open("alice", 10);
        store.persist(List.of(opening));

        PersistedBatch result = store.persist(List.of(opening, opening, log.add("alice", "won-1", 5)));

        assertThat(result).isEqualTo(new PersistedBatch(1, 2));
    }

    @Test
    void a_different_event_at_a_stored_sequence_is_refused() {
        LoggedEvent opening = log.open("alice", 1_000);
        LoggedEvent bet = log.remove("alice", "bet-1", 100);
        store.persist(List.of(opening, bet));
        List<String> positions = database.positions();

        assertThatThrownBy(() -> store.persist(List.of(log.withAnotherId(bet))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differs from the stored event");
        assertThat(database.transactions()).hasSize(2);
        assertThat(database.positions()).isEqualTo(positions);
    }

    @Test
    void a_second_opening_of_a_stored_wallet_is_refused() {
        LoggedEvent opening = log.open("alice", 1_000);
        store.persist(List.of(opening));

        assertThatThrownBy(() -> store.persist(List.of(log.withAnotherId(opening))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(database.wallets()).extracting(StoredWalletRow::balanceCents).containsExactly(1_000L);
    }

    @Test
    void a_second_opening_within_one_batch_is_refused() {
        LoggedEvent opening = log.open("alice", 1_000);

        assertThatThrownBy(() -> store.persist(List.of(opening, log.withAnotherId(opening))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(database.wallets()).isEmpty();
    }

    @Test
    void a_change_of_a_wallet_never_opened_is_refused() {
        List<LoggedEvent> batch = List.of(log.open("alice", 10), log.change("ghost", 2, FundsOperation.ADD, "x", 5));

        assertThatThrownBy(() -> store.persist(batch))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it was opened");
        assertThat(database.transactions()).isEmpty();
        assertThat(database.positions()).isEmpty();
    }

    @Test
    void a_reference_already_stored_for_the_wallet_is_refused_at_a_new_sequence() {
        store.persist(List.of(log.open("alice", 1_000), log.remove("alice", "bet-1", 100)));
        List<String> positions = database.positions();

        assertThatThrownBy(() -> store.persist(List.of(log.remove("alice", "bet-1", 100))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already stored");
        assertThat(database.wallets()).extracting(StoredWalletRow::balanceCents).containsExactly(900L);
        assertThat(database.transactions()).hasSize(2);
        assertThat(database.positions()).isEqualTo(positions);
    }

    @Test
    void each_partition_keeps_the_last_position_the_batches_reached_in_it() {
        TestLog other = new TestLog("persistent://public/default/transactions-partition-1");
        LoggedEvent aliceOpening = log.open("alice", 10);
        LoggedEvent bobOpening = other.open("bob", 20);
        LoggedEvent aliceWin = log.add("alice", "won-1", 5);
        store.persist(List.of(aliceOpening, bobOpening, aliceWin));
        LoggedEvent bobWin = other.add("bob", "won-1", 5);

        store.persist(List.of(bobWin));

        assertThat(database.positions())
                .containsExactly(aliceWin.position().toString(), bobWin.position().toString());
    }

    @Test
    void an_empty_batch_stores_nothing() {
        assertThat(store.persist(List.of())).isEqualTo(new PersistedBatch(0, 0));
        assertThat(database.positions()).isEmpty();
    }

    @Test
    void a_batch_above_the_limit_is_rejected_before_anything_is_written() {
        List<LoggedEvent> batch = new ArrayList<>(
                Collections.nCopies(JdbiEventStore.MAX_BATCH_EVENTS, log.open("a", 1)));
        batch.add(log.open("b", 1));

        assertThatThrownBy(() -> store.persist(batch)).isInstanceOf(IllegalArgumentException.class);
        assertThat(database.transactions()).isEmpty();
    }

    @Test
    void five_thousand_events_over_five_hundred_wallets_persist_in_one_call() {
        LedgerModel model = new LedgerModel();
        List<LoggedEvent> batch = new ArrayList<>();
        for (int wallet = 0; wallet < 500; wallet++) {
            String id = "player-" + wallet;
            batch.add(model.record(log.open(id, 1_000)));
            for (int change = 0; change < 9; change++) {
                batch.add(model.record(change % 3 == 2
                        ? log.remove(id, "bet-" + change, 150)
                        : log.add(id, "won-" + change, 20 + wallet)));
            }
        }

        PersistedBatch result = store.persist(batch);

        assertThat(result).isEqualTo(new PersistedBatch(5_000, 0));
        JdbiLedgerQueries ledger = new JdbiLedgerQueries(database.jdbi());
        assertThat(ledger.transactionCount()).isEqualTo(5_000);
        assertThat(ledger.balancesDisagreeingWithTransactions()).isEmpty();
        model.balances().forEach((id, balance) -> assertThat(ledger.walletBalance(id)).hasValue(balance));
        assertThat(database.positions()).containsExactly(lastOf(batch));
    }

    private static String lastOf(List<LoggedEvent> batch) {
        return batch.get(batch.size() - 1).position().toString();
    }
}

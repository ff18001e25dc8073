package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.BalanceDisagreement;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.RunningSumDisagreement;
import com.acme.wallet.application.port.out.SequenceDisagreement;
import com.acme.wallet.application.port.out.StoredBalance;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiLedgerQueriesIT {

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private final LedgerModel model = new LedgerModel();
    private JdbiEventStore store;
    private JdbiLedgerQueries ledger;

    @BeforeEach
    void createAdapters() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
        ledger = new JdbiLedgerQueries(database.jdbi());
    }

    @Test
    void every_wallet_balance_equals_the_sum_of_its_transactions_after_redelivered_batches() {
        Random random = new Random(42);
        List<LoggedEvent> written = randomEvents(random, 30, 600);
        int delivered = 0;
        while (delivered < written.size()) {
            // Each batch starts a little before where the last one ended, as a redelivery would.
            int from = Math.max(0, delivered - random.nextInt(20));
            int to = Math.min(written.size(), delivered + 1 + random.nextInt(80));
            store.persist(written.subList(from, to));
            delivered = to;
        }

        assertThat(ledger.balancesDisagreeingWithTransactions()).isEmpty();
        assertThat(ledger.transactionCount()).isEqualTo(written.size());
        model.balances().forEach((id, balance) -> assertThat(ledger.walletBalance(id)).hasValue(balance));
    }

    @Test
    void a_balance_changed_behind_the_ledgers_back_is_reported() {
        store.persist(List.of(log.open("alice", 100), log.remove("alice", "bet-1", 40), log.open("bob", 5)));
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE wallets SET balance_cents = 70 WHERE wallet_id = 'alice'"));

        assertThat(ledger.balancesDisagreeingWithTransactions())
                .containsExactly(new BalanceDisagreement(WalletId.of("alice"), 70, 60));
    }

    @Test
    void an_unknown_wallet_has_no_balance() {
        assertThat(ledger.walletBalance(WalletId.of("nobody"))).isEmpty();
        assertThat(ledger.transactionCount()).isZero();
    }

    @Test
    void a_consistent_ledger_has_no_disagreement_of_any_kind() {
        store.persist(List.of(log.open("alice", 100), log.add("alice", "win-1", 5), log.remove("alice", "bet-1", 40),
                log.open("bob", 0)));

        assertThat(ledger.negativeBalances(10)).isEmpty();
        assertThat(ledger.sequencesDisagreeing(10)).isEmpty();
        assertThat(ledger.runningSumsDisagreeing(10)).isEmpty();
        assertThat(ledger.repeatedReferences(10)).isEmpty();
        assertThat(ledger.repeatedEventIds(10)).isEmpty();
        assertThat(ledger.balancesAfter("", 1)).containsExactly(new StoredBalance(WalletId.of("alice"), 65));
        assertThat(ledger.balancesAfter("alice", 10)).containsExactly(new StoredBalance(WalletId.of("bob"), 0));
    }

    @Test
    void a_balance_after_changed_behind_the_ledgers_back_is_reported_with_its_running_sum() {
        store.persist(List.of(log.open("alice", 100), log.remove("alice", "bet-1", 40), log.add("alice", "win-1", 5)));
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE transactions SET balance_after_cents = 61 WHERE wallet_id = 'alice' AND sequence = 2"));

        assertThat(ledger.runningSumsDisagreeing(10))
                .containsExactly(new RunningSumDisagreement(WalletId.of("alice"), 2, "bet-1", 61, 60));
    }

    @Test
    void a_lost_transaction_shows_in_the_balance_not_as_a_sequence_disagreement() {
        store.persist(List.of(log.open("alice", 100), log.remove("alice", "bet-1", 40), log.add("alice", "win-1", 5)));
        database.jdbi().useHandle(handle -> handle.execute(
                "DELETE FROM transactions WHERE wallet_id = 'alice' AND sequence = 2"));

        // A gap alone is an event that never reached the log; this one did, and the sum says so.
        assertThat(ledger.sequencesDisagreeing(10)).isEmpty();
        assertThat(ledger.balancesDisagreeingWithTransactions(10))
                .containsExactly(new BalanceDisagreement(WalletId.of("alice"), 65, 105));
    }

    @Test
    void a_gap_the_consumer_stored_as_the_log_held_it_is_no_disagreement() {
        // #3 never reached the log: the consumer applies #4 after #2, as the writer did.
        store.persist(List.of(log.open("alice", 100), log.remove("alice", "bet-1", 40),
                log.change("alice", 4, FundsOperation.ADD, "win-1", 5)));

        assertThat(ledger.sequencesDisagreeing(10)).isEmpty();
        assertThat(ledger.balancesDisagreeingWithTransactions(10)).isEmpty();
        assertThat(ledger.runningSumsDisagreeing(10)).isEmpty();
    }

    @Test
    void a_last_sequence_that_is_not_the_last_transaction_is_reported() {
        store.persist(List.of(log.open("alice", 100), log.remove("alice", "bet-1", 40)));
        database.jdbi().useHandle(handle -> handle.execute("UPDATE wallets SET last_sequence = 3 WHERE wallet_id = 'alice'"));

        assertThat(ledger.sequencesDisagreeing(10))
                .containsExactly(new SequenceDisagreement(WalletId.of("alice"), 3, 2, 2));
    }

    @Test
    void stored_places_are_found_by_place_and_by_event_id_in_one_lookup() {
        LoggedEvent opened = log.open("alice", 100);
        LoggedEvent removed = log.remove("alice", "bet-1", 40);
        store.persist(List.of(opened, removed));
        StoredEventPlace storedOpening = new StoredEventPlace(opened.event().eventId(), WalletId.of("alice"), 1);
        StoredEventPlace storedRemoval = new StoredEventPlace(removed.event().eventId(), WalletId.of("alice"), 2);
        StoredEventPlace unknownAtTheRemovalsPlace = new StoredEventPlace(java.util.UUID.randomUUID(),
                WalletId.of("alice"), 2);
        StoredEventPlace nowhere = new StoredEventPlace(java.util.UUID.randomUUID(), WalletId.of("carol"), 1);

        assertThat(ledger.storedPlacesOf(List.of(storedOpening, unknownAtTheRemovalsPlace, nowhere)))
                .containsExactlyInAnyOrder(storedOpening, storedRemoval);
        assertThat(ledger.storedPlacesOf(List.of())).isEmpty();
    }

    @Test
    void a_ledger_of_bets_wins_rollbacks_tombstones_and_refusals_adds_up_by_its_deltas() {
        DecidingLog writer = new DecidingLog(log);
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "bob"));

        assertThat(ledger.balancesDisagreeingWithTransactions()).isEmpty();
        assertThat(ledger.runningSumsDisagreeing(10)).isEmpty();
        assertThat(ledger.sequencesDisagreeing(10)).isEmpty();
        assertThat(ledger.repeatedReferences(10)).isEmpty();
        assertThat(ledger.walletBalance(WalletId.of("alice"))).hasValue(writer.wallet("alice").balanceCents());
    }

    @Test
    void a_bet_whose_stake_changed_behind_the_ledgers_back_is_reported_by_the_sum_of_deltas() {
        DecidingLog writer = new DecidingLog(log);
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        // bet-1 staked 300: the row still follows the schema's rules, but the money no longer adds up.
        database.jdbi().useHandle(handle -> handle.execute("""
                UPDATE transactions SET amount_cents = 200, delta_cents = -200
                WHERE wallet_id = 'alice' AND reference = 'bet-1'"""));

        assertThat(ledger.balancesDisagreeingWithTransactions(10)).containsExactly(
                new BalanceDisagreement(WalletId.of("alice"), 1_400, 1_500));
        assertThat(ledger.runningSumsDisagreeing(1)).containsExactly(
                new RunningSumDisagreement(WalletId.of("alice"), 4, "bet-1", 1_000, 1_100));
    }

    /** Opens wallets as it goes and changes open ones at random, never below zero. */
    private List<LoggedEvent> randomEvents(Random random, int walletsMax, int count) {
        List<LoggedEvent> events = new ArrayList<>();
        Map<String, Long> balances = new HashMap<>();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (open.isEmpty() || (open.size() < walletsMax && random.nextInt(5) == 0)) {
                String id = "player-" + open.size();
                open.add(id);
                balances.put(id, (long) random.nextInt(1_000));
                events.add(model.record(log.open(id, balances.get(id))));
                continue;
            }
            String id = open.get(random.nextInt(open.size()));
            long cents = 1 + random.nextInt(300);
            boolean remove = random.nextBoolean() && balances.get(id) >= cents;
            balances.merge(id, remove ? -cents : cents, Long::sum);
            events.add(model.record(remove ? log.remove(id, "ref-" + i, cents) : log.add(id, "ref-" + i, cents)));
        }
        return events;
    }
}

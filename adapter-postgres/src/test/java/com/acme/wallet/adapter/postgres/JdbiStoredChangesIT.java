package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer's memory of old changes: a reference it forgot is answered from PostgreSQL, with how
 * far the answer covers the wallet, and a Bloom filter spares the query for references never stored.
 */
class JdbiStoredChangesIT {

    private static final WalletId ALICE = WalletId.of("alice");

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private JdbiEventStore store;
    private JdbiStoredChanges stored;

    @BeforeEach
    void createAdapters() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
        stored = new JdbiStoredChanges(database.jdbi());
    }

    @Test
    void a_stored_reference_is_found_with_the_change_and_the_wallets_stored_sequence() {
        LoggedEvent opening = log.open("alice", 100);
        LoggedEvent win = log.add("alice", "won-1", 500);
        store.persist(List.of(opening, win, log.remove("alice", "bet-1", 50)));

        Answer answer = find(ALICE, "won-1", 3);

        assertThat(answer).isEqualTo(Answer.found(applied(win, 600), 3));
    }

    @Test
    void a_reference_never_stored_is_absent_through_the_wallets_stored_sequence() {
        store.persist(List.of(log.open("alice", 100), log.add("alice", "won-1", 500)));

        assertThat(find(ALICE, "won-2", 2)).isEqualTo(Answer.absent(2));
        assertThat(find(WalletId.of("nobody"), "won-1", 0)).isEqualTo(Answer.absent(0));
    }

    @Test
    void stored_sequences_are_read_for_many_wallets_in_chunks_and_unknown_wallets_are_left_out() {
        List<LoggedEvent> events = new ArrayList<>();
        int wallets = JdbiStoredChanges.MAX_WALLETS_PER_QUERY + 5;
        IntStream.range(0, wallets).forEach(i -> {
            events.add(log.open("player-" + i, 10));
            if (i % 2 == 0) {
                events.add(log.add("player-" + i, "won", 1));
            }
        });
        store.persist(events);
        List<WalletId> asked = new ArrayList<>(IntStream.range(0, wallets).mapToObj(i -> WalletId.of("player-" + i)).toList());
        asked.add(WalletId.of("nobody"));

        Map<WalletId, Long> sequences = stored.storedSequences(asked);

        assertThat(sequences).hasSize(wallets);
        assertThat(sequences).containsEntry(WalletId.of("player-0"), 2L).containsEntry(WalletId.of("player-1"), 1L)
                .containsEntry(WalletId.of("player-" + (wallets - 1)), (wallets - 1) % 2 == 0 ? 2L : 1L);
    }

    @Test
    void once_indexed_a_reference_never_stored_nor_forgotten_costs_no_query() {
        LoggedEvent opening = log.open("alice", 100);
        LoggedEvent win = log.add("alice", "won-1", 500);
        store.persist(List.of(opening, win));
        stored.index();
        // Stored behind the filter's back, as no writer would: only a query could find it now.
        LoggedEvent hidden = log.add("alice", "hidden-1", 5);
        store.persist(List.of(hidden));

        assertThat(stored.indexed()).isTrue();
        assertThat(find(ALICE, "won-1", 2)).isEqualTo(Answer.found(applied(win, 600), 3));
        assertThat(find(ALICE, "hidden-1", 2)).isEqualTo(Answer.absent(2));

        stored.forgetting(ALICE, List.of(new LedgerEntry((FundsChanged) hidden.event(), 605)));

        assertThat(find(ALICE, "hidden-1", 3)).isEqualTo(Answer.found(applied(hidden, 605), 3));
    }

    @Test
    void before_it_is_indexed_every_lookup_queries() {
        store.persist(List.of(log.open("alice", 100), log.add("alice", "won-1", 500)));

        assertThat(stored.indexed()).isFalse();
        assertThat(find(ALICE, "won-1", 2).change()).isPresent();
        assertThat(stored.indexedKeys()).isEmpty();
    }

    private static AppliedChange applied(LoggedEvent logged, long balanceAfterCents) {
        return AppliedChange.of((FundsChanged) logged.event(), balanceAfterCents);
    }

    /** Asks the store about one reference, as the writer does for a funds change. */
    private Answer find(WalletId wallet, String reference, long forgottenThrough) {
        Recalled recalled = stored.recall(wallet,
                new Recall(Set.of(Reference.of(reference)), Optional.empty(), 0, Math.max(1, forgottenThrough)));
        return new Answer(recalled.entries().stream()
                .map(entry -> AppliedChange.of((FundsChanged) entry.event(), entry.balanceAfterCents()))
                .findFirst(), recalled.coversThrough());
    }

    /** What the store answered of one reference: its change, if stored, and how far the answer covers. */
    private record Answer(Optional<AppliedChange> change, long coversThrough) {

        static Answer found(AppliedChange change, long coversThrough) {
            return new Answer(Optional.of(change), coversThrough);
        }

        static Answer absent(long coversThrough) {
            return new Answer(Optional.empty(), coversThrough);
        }
    }
}

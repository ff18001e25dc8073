package com.acme.wallet.adapter.postgres;

import static com.acme.wallet.adapter.postgres.JdbiEventStoreBettingIT.bet;
import static com.acme.wallet.adapter.postgres.JdbiEventStoreBettingIT.rollback;
import static com.acme.wallet.adapter.postgres.JdbiEventStoreBettingIT.win;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.RoundSummary;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a writer that forgot its changes is told of bets, wins and rollbacks: the exact entries of
 * the references it asks, the rollbacks that name them, a round's summary as the domain counts it,
 * and no query at all for a reference or a round never stored.
 */
class JdbiStoredChangesRecallIT {

    private static final WalletId ALICE = WalletId.of("alice");

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private final DecidingLog writer = new DecidingLog(log);
    private JdbiEventStore store;
    private JdbiStoredChanges stored;

    @BeforeEach
    void createAdapters() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
        stored = new JdbiStoredChanges(database.jdbi());
    }

    @Test
    void every_stored_entry_of_random_histories_is_recalled_equal_to_the_writers_and_rounds_as_the_domain_counts_them() {
        Set<String> variants = new TreeSet<>();
        for (long seed = 1; seed <= 3; seed++) {
            String walletId = "player-" + seed;
            List<LoggedEvent> events = writer.randomHistory(new Random(seed), walletId, 80);
            store.persist(events);
            long last = events.get(events.size() - 1).event().sequence();
            List<LedgerEntry> entries = List.copyOf(writer.wallet(walletId).entries());
            WalletId wallet = WalletId.of(walletId);

            entries.forEach(entry -> variants.add(variant(entry)));
            for (LedgerEntry entry : entries) {
                Recalled recalled = stored.recall(wallet, new Recall(Set.of(entry.reference()), Optional.empty(), 0, last));

                assertThat(recalled.coversThrough()).isEqualTo(last);
                assertThat(recalled.entries()).contains(entry);
                assertThat(recalled.entries()).isSubsetOf(entries);
            }
            for (String round : List.of("r-0", "r-1", "r-2", "r-3", "r-never")) {
                for (long through = 1; through <= last; through++) {
                    Recalled recalled = stored.recall(wallet,
                            new Recall(Set.of(), Optional.of(RoundId.of(round)), through, last));

                    assertThat(recalled.round()).as("round %s of %s through %s", round, walletId, through)
                            .contains(RoundSummary.of(RoundId.of(round), through, entries));
                }
            }
        }
        // The histories are random: this says they held every variant the property is about.
        assertThat(variants).containsExactlyInAnyOrder("BetPlaced", "FundsChanged", "WinPaid", "RolledBack:RefundBet",
                "RolledBack:ReclaimWin", "RolledBack:REJECTED", "RolledBack:UNKNOWN", "RequestRefused:BetRequest",
                "RequestRefused:WinRequest", "RequestRefused:RollbackRequest");
    }

    /** {@return the kind of event an entry holds, and what a rollback did or a refusal refused} */
    private static String variant(LedgerEntry entry) {
        ReferencedEvent event = entry.event();
        String name = event.getClass().getSimpleName();
        if (event instanceof RolledBack rollback) {
            return name + ":" + (rollback.effect() instanceof RollbackEffect.NothingToRollBack nothing
                    ? nothing.originalOutcome().name() : rollback.effect().getClass().getSimpleName());
        }
        if (event instanceof RequestRefused refused) {
            return name + ":" + refused.request().getClass().getSimpleName();
        }
        return name;
    }

    @Test
    void a_recall_holds_the_entries_asked_and_the_rollbacks_that_name_them_but_no_refused_rollback_of_them() {
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));

        assertThat(recallReferences("bet-3")).containsExactlyInAnyOrder(entry("bet-3"), entry("rb-1"));
        assertThat(recallReferences("win-3")).containsExactlyInAnyOrder(entry("win-3"), entry("rb-3"));
        assertThat(recallReferences("bet-5")).containsExactlyInAnyOrder(entry("bet-5"), entry("rb-4"));
        // rb-6 is a refused second rollback of never-seen, and rb-8 a refused rollback of bet-1.
        assertThat(recallReferences("never-seen")).containsExactly(entry("rb-5"));
        assertThat(recallReferences("bet-1")).containsExactly(entry("bet-1"));
        assertThat(recallReferences("rb-6", "rb-8")).containsExactlyInAnyOrder(entry("rb-6"), entry("rb-8"));
        assertThat(recallReferences("rb-1", "bet-3")).containsExactlyInAnyOrder(entry("bet-3"), entry("rb-1"));
        assertThat(recallReferences("dep-1", "nothing-such")).containsExactly(entry("dep-1"));
        assertThat(stored.recall(WalletId.of("bob"), recallOf("bet-3")).entries()).isEmpty();
    }

    @Test
    void a_rounds_summary_counts_only_its_applied_legs_up_to_the_sequence_asked() {
        // r-1: bet-1 #4, closing win-1 #5, refused bet-2 #6. r-2: bet-3 #7, its refund #8. r-3: bet-4 #9,
        // win-2 #10 (of zero), its reclaim #11, win-3 #12, its reclaim #13. r-4: only the refused bet-5 #14.
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));

        assertThat(summary("r-1", 3)).isEqualTo(new RoundSummary(RoundId.of("r-1"), 3, 0, 0, false, 0));
        assertThat(summary("r-1", 4)).isEqualTo(new RoundSummary(RoundId.of("r-1"), 4, 1, 0, false, 4));
        assertThat(summary("r-1", 20)).isEqualTo(new RoundSummary(RoundId.of("r-1"), 20, 1, 1, true, 5));
        assertThat(summary("r-2", 7)).isEqualTo(new RoundSummary(RoundId.of("r-2"), 7, 1, 0, false, 7));
        assertThat(summary("r-2", 8)).isEqualTo(new RoundSummary(RoundId.of("r-2"), 8, 0, 0, false, 8));
        assertThat(summary("r-3", 10)).isEqualTo(new RoundSummary(RoundId.of("r-3"), 10, 1, 1, false, 10));
        assertThat(summary("r-3", 11)).isEqualTo(new RoundSummary(RoundId.of("r-3"), 11, 1, 0, false, 11));
        assertThat(summary("r-3", 12)).isEqualTo(new RoundSummary(RoundId.of("r-3"), 12, 1, 1, false, 12));
        assertThat(summary("r-3", 20)).isEqualTo(new RoundSummary(RoundId.of("r-3"), 20, 1, 0, false, 13));
        assertThat(summary("r-4", 20)).isEqualTo(RoundSummary.none(RoundId.of("r-4"), 20));
    }

    @Test
    void once_indexed_a_new_reference_and_a_new_round_cost_no_query_until_the_writer_forgets_them() {
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        stored.index();
        // Stored behind the filter's back, as no writer would: only a query could find it now.
        BetPlaced hidden = new BetPlaced(UUID.randomUUID(), ALICE, 21, bet("hidden-bet", "hidden-round", 5, false,
                Metadata.NONE), Instant.parse("2025-03-02T00:00:00Z"));
        store.persist(List.of(log.next(hidden)));
        Recall askingBoth = new Recall(Set.of(Reference.of("hidden-bet")), Optional.of(RoundId.of("hidden-round")),
                18, 18);

        Recalled unknown = stored.recall(ALICE, askingBoth);

        // Covering what the writer forgot, not what the store holds (21): the answer never asked it.
        assertThat(unknown).isEqualTo(new Recalled(askingBoth, 18, List.of(),
                Optional.of(RoundSummary.none(RoundId.of("hidden-round"), 18))));

        stored.forgetting(ALICE, List.of(new LedgerEntry(hidden, 1_395)));
        Recall throughTheBet = new Recall(Set.of(), Optional.of(RoundId.of("hidden-round")), 21, 21);

        assertThat(stored.recall(ALICE, askingBoth).entries()).containsExactly(new LedgerEntry(hidden, 1_395));
        assertThat(stored.recall(ALICE, askingBoth).coversThrough()).isEqualTo(21);
        assertThat(stored.recall(ALICE, throughTheBet).round()).contains(
                new RoundSummary(RoundId.of("hidden-round"), 21, 1, 0, false, 21));
    }

    @Test
    void once_indexed_stored_rounds_and_the_originals_of_tombstones_are_asked_of_the_store() {
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        stored.index();

        Recalled tombstoned = stored.recall(ALICE, new Recall(Set.of(Reference.of("never-seen")), Optional.empty(), 0, 5));
        Recalled round = stored.recall(ALICE, new Recall(Set.of(), Optional.of(RoundId.of("r-3")), 5, 5));

        assertThat(tombstoned.entries()).containsExactly(entry("rb-5"));
        assertThat(tombstoned.coversThrough()).isEqualTo(20);
        assertThat(round.round()).contains(RoundSummary.none(RoundId.of("r-3"), 5));
        assertThat(round.coversThrough()).isEqualTo(20);
        assertThat(stored.indexedKeys()).hasValueSatisfying(keys -> assertThat(keys).isBetween(20L, 30L));
    }

    @Test
    void a_round_id_never_passes_for_a_reference_of_the_same_name_nor_a_reference_for_a_round() {
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        stored.index();
        Recall roundNamedLikeAReference = new Recall(Set.of(), Optional.of(RoundId.of("dep-1")), 5, 5);
        Recall referenceNamedLikeARound = new Recall(Set.of(Reference.of("r-1")), Optional.empty(), 0, 5);

        assertThat(stored.recall(ALICE, roundNamedLikeAReference).coversThrough()).isEqualTo(5);
        assertThat(stored.recall(ALICE, referenceNamedLikeARound).coversThrough()).isEqualTo(5);
    }

    @Test
    void before_it_is_indexed_every_recall_of_a_round_queries() {
        store.persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));

        Recalled recalled = stored.recall(ALICE, new Recall(Set.of(), Optional.of(RoundId.of("new-round")), 5, 5));

        assertThat(recalled.coversThrough()).isEqualTo(20);
        assertThat(recalled.round()).contains(RoundSummary.none(RoundId.of("new-round"), 5));
    }

    /**
     * A wallet's history of random requests decided by the domain: funds changes, bets and wins in
     * four rounds (some closing them), and rollbacks of earlier references or of references never
     * seen. Requests the wallet answers without an event (an overdraft, a late original) are skipped.
     */
    private List<LedgerEntry> recallReferences(String... references) {
        return stored.recall(ALICE, recallOf(references)).entries();
    }

    private static Recall recallOf(String... references) {
        return new Recall(Arrays.stream(references).map(Reference::of).collect(Collectors.toSet()), Optional.empty(),
                0, 20);
    }

    private RoundSummary summary(String round, long through) {
        return stored.recall(ALICE, new Recall(Set.of(), Optional.of(RoundId.of(round)), through, 20)).round()
                .orElseThrow();
    }

    private LedgerEntry entry(String reference) {
        return writer.wallet("alice").entry(Reference.of(reference)).orElseThrow();
    }
}

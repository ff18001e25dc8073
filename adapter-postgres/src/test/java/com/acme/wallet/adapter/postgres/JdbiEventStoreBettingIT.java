package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.adapter.postgres.FreshWalletDatabase.StoredWalletRow;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch consumer's store with bets, wins, rollbacks, tombstones and refusals: each is one row
 * that reads back as its event, moves the balance by its delta only, and is stored exactly once.
 */
class JdbiEventStoreBettingIT {

    /** Metadata a provider might send, with what JSON must escape and what UTF-8 must carry. */
    static final Metadata AWKWARD_METADATA = Metadata.of(Map.of("game", "x", "quote\"d", "back\\slash",
            "table", "été 😀", "empty", ""));

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private final DecidingLog writer = new DecidingLog(log);
    private JdbiEventStore store;

    @BeforeEach
    void createStore() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
    }

    @Test
    void every_outcome_of_a_request_is_a_row_that_reads_back_as_its_event_and_moves_the_balance_by_its_delta() {
        List<LoggedEvent> batch = everyOutcome(writer, "alice");

        PersistedBatch result = store.persist(batch);

        assertThat(result).isEqualTo(new PersistedBatch(batch.size(), 0));
        assertThat(database.events()).containsExactlyElementsOf(batch.stream().map(LoggedEvent::event).toList());
        assertThat(database.rows()).extracting(row -> row.identity().reference(), row -> row.identity().kind(),
                row -> row.identity().outcome(), row -> row.identity().amountCents(), row -> row.identity().deltaCents(),
                TransactionRow::balanceAfterCents).containsExactly(
                        tuple(null, TransactionKind.OPEN, TransactionOutcome.APPLIED, 1_000L, 1_000L, 1_000L),
                        tuple("dep-1", TransactionKind.ADD, TransactionOutcome.APPLIED, 500L, 500L, 1_500L),
                        tuple("wd-1", TransactionKind.REMOVE, TransactionOutcome.APPLIED, 200L, -200L, 1_300L),
                        tuple("bet-1", TransactionKind.BET, TransactionOutcome.APPLIED, 300L, -300L, 1_000L),
                        tuple("win-1", TransactionKind.WIN, TransactionOutcome.APPLIED, 450L, 450L, 1_450L),
                        tuple("bet-2", TransactionKind.BET, TransactionOutcome.REJECTED, 100L, 0L, 1_450L),
                        tuple("bet-3", TransactionKind.BET, TransactionOutcome.APPLIED, 100L, -100L, 1_350L),
                        tuple("rb-1", TransactionKind.ROLLBACK, TransactionOutcome.APPLIED, 100L, 100L, 1_450L),
                        tuple("bet-4", TransactionKind.BET, TransactionOutcome.APPLIED, 50L, -50L, 1_400L),
                        tuple("win-2", TransactionKind.WIN, TransactionOutcome.APPLIED, 0L, 0L, 1_400L),
                        tuple("rb-2", TransactionKind.ROLLBACK, TransactionOutcome.APPLIED, 0L, 0L, 1_400L),
                        tuple("win-3", TransactionKind.WIN, TransactionOutcome.APPLIED, 70L, 70L, 1_470L),
                        tuple("rb-3", TransactionKind.ROLLBACK, TransactionOutcome.APPLIED, 70L, -70L, 1_400L),
                        tuple("bet-5", TransactionKind.BET, TransactionOutcome.REJECTED, 10_000_000L, 0L, 1_400L),
                        tuple("rb-4", TransactionKind.ROLLBACK, TransactionOutcome.APPLIED, 0L, 0L, 1_400L),
                        tuple("rb-5", TransactionKind.ROLLBACK, TransactionOutcome.TOMBSTONE, 0L, 0L, 1_400L),
                        tuple("rb-6", TransactionKind.ROLLBACK, TransactionOutcome.REJECTED, 0L, 0L, 1_400L),
                        tuple("rb-7", TransactionKind.ROLLBACK, TransactionOutcome.REJECTED, 0L, 0L, 1_400L),
                        tuple("win-4", TransactionKind.WIN, TransactionOutcome.REJECTED, 30L, 0L, 1_400L),
                        tuple("rb-8", TransactionKind.ROLLBACK, TransactionOutcome.REJECTED, 0L, 0L, 1_400L));
        assertThat(database.rows()).extracting(TransactionRow::balanceAfterCents).containsExactlyElementsOf(
                balancesAfterAsTheWriterHoldsThem("alice"));
        assertThat(database.wallets()).extracting(StoredWalletRow::balanceCents, StoredWalletRow::lastSequence)
                .containsExactly(tuple(writer.wallet("alice").balanceCents(), (long) batch.size()));
        JdbiLedgerQueries ledger = new JdbiLedgerQueries(database.jdbi());
        assertThat(ledger.balancesDisagreeingWithTransactions()).isEmpty();
        assertThat(ledger.runningSumsDisagreeing(10)).isEmpty();
    }

    @Test
    void every_refusal_code_and_a_refused_funds_change_are_stored_and_read_back() {
        List<LoggedEvent> batch = new ArrayList<>(List.of(log.open("bob", 40)));
        long sequence = 2;
        for (RefusalCode code : RefusalCode.values()) {
            batch.add(log.next(new RequestRefused(UUID.randomUUID(), WalletId.of("bob"), sequence++,
                    new BetRequest(Reference.of("bet-" + code), RoundId.of("r-" + code), Amount.positive(sequence),
                            sequence % 2 == 0, AWKWARD_METADATA), code, 40, at(sequence))));
        }
        batch.add(log.next(new RequestRefused(UUID.randomUUID(), WalletId.of("bob"), sequence, new FundsRequest(
                FundsOperation.ADD, Amount.positive(9), Reference.of("dep-1")), RefusalCode.BALANCE_LIMIT_EXCEEDED, 40,
                at(sequence))));

        store.persist(batch);

        assertThat(database.events()).containsExactlyElementsOf(batch.stream().map(LoggedEvent::event).toList());
        assertThat(database.wallets()).extracting(StoredWalletRow::balanceCents).containsExactly(40L);
    }

    @Test
    void the_same_batch_of_bets_again_counts_only_duplicates_and_changes_nothing() {
        List<LoggedEvent> batch = everyOutcome(writer, "alice");
        store.persist(batch);
        List<TransactionRow> rows = database.rows();
        List<StoredWalletRow> wallets = database.wallets();

        PersistedBatch again = store.persist(batch);
        PersistedBatch twiceInOneBatch = store.persist(concat(batch.subList(3, 9), batch.subList(3, 9)));

        assertThat(again).isEqualTo(new PersistedBatch(0, batch.size()));
        assertThat(twiceInOneBatch).isEqualTo(new PersistedBatch(0, 12));
        assertThat(database.rows()).isEqualTo(rows);
        assertThat(database.wallets()).isEqualTo(wallets);
    }

    @Test
    void an_event_repeated_within_one_batch_is_stored_once_whatever_its_kind() {
        List<LoggedEvent> batch = everyOutcome(writer, "alice");

        PersistedBatch result = store.persist(concat(batch, batch));

        assertThat(result).isEqualTo(new PersistedBatch(batch.size(), batch.size()));
        assertThat(database.rows()).hasSize(batch.size());
    }

    @Test
    void a_redelivered_event_that_differs_from_the_stored_one_in_any_column_is_refused() {
        LoggedEvent opening = writer.open("alice", 1_000);
        LoggedEvent bet = writer.decide("alice", new BetRequest(Reference.of("bet-1"), RoundId.of("r-1"),
                Amount.positive(300), false, AWKWARD_METADATA));
        LoggedEvent refused = writer.decide("alice", new WinRequest(Reference.of("win-1"), RoundId.of("r-9"),
                Amount.ofCents(5), false, Metadata.NONE));
        LoggedEvent tombstone = writer.decide("alice", new RollbackRequest(Reference.of("rb-1"), Reference.of("late")));
        store.persist(List.of(opening, bet, refused, tombstone));
        List<TransactionRow> rows = database.rows();
        BetPlaced placed = (BetPlaced) bet.event();
        RequestRefused refusal = (RequestRefused) refused.event();
        RolledBack rolledBack = (RolledBack) tombstone.event();

        List<WalletEvent> otherHistories = List.of(
                new BetPlaced(placed.eventId(), placed.walletId(), placed.sequence(), new BetRequest(
                        placed.reference(), RoundId.of("r-1"), Amount.positive(300), false, Metadata.NONE),
                        placed.occurredAt()),
                new BetPlaced(placed.eventId(), placed.walletId(), placed.sequence(), new BetRequest(
                        placed.reference(), RoundId.of("r-1"), Amount.positive(300), true, AWKWARD_METADATA),
                        placed.occurredAt()),
                new RequestRefused(refusal.eventId(), refusal.walletId(), refusal.sequence(), refusal.request(),
                        RefusalCode.ROUND_CLOSED, refusal.balanceCents(), refusal.occurredAt()),
                new RequestRefused(refusal.eventId(), refusal.walletId(), refusal.sequence(), refusal.request(),
                        refusal.code(), refusal.balanceCents() + 1, refusal.occurredAt()),
                new RolledBack(rolledBack.eventId(), rolledBack.walletId(), rolledBack.sequence(), rolledBack.request(),
                        new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.REJECTED),
                        rolledBack.occurredAt()));

        assertThat(otherHistories).allSatisfy(other -> assertThatThrownBy(() -> store.persist(List.of(log.next(other))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("differs from the stored event"));
        assertThat(database.rows()).isEqualTo(rows);
    }

    @Test
    void a_second_rollback_of_an_original_in_a_later_batch_is_refused_by_the_store_and_stores_nothing() {
        LoggedEvent opening = writer.open("alice", 1_000);
        LoggedEvent bet = writer.decide("alice", new BetRequest(Reference.of("bet-1"), RoundId.of("r-1"),
                Amount.positive(300), false, Metadata.NONE));
        LoggedEvent refund = writer.decide("alice", new RollbackRequest(Reference.of("rb-1"), Reference.of("bet-1")));
        LoggedEvent refusedAgain = writer.decide("alice", new RollbackRequest(Reference.of("rb-2"), Reference.of("bet-1")));
        store.persist(List.of(opening, bet, refund, refusedAgain));
        List<TransactionRow> rows = database.rows();
        List<StoredWalletRow> wallets = database.wallets();
        List<String> positions = database.positions();
        // As a second writer's history would hold it: the wallet restored at its balance cannot tell.
        LoggedEvent secondRefund = log.next(new RolledBack(UUID.randomUUID(), WalletId.of("alice"), 5,
                new RollbackRequest(Reference.of("rb-3"), Reference.of("bet-1")),
                new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.positive(300)), at(5)));

        assertThatThrownBy(() -> store.persist(List.of(secondRefund)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolls back an original already rolled back");
        assertThat(database.rows()).isEqualTo(rows);
        assertThat(database.wallets()).isEqualTo(wallets);
        assertThat(database.positions()).isEqualTo(positions);
    }

    /**
     * One wallet's events covering every outcome: funds changes, bets (one closing its round), wins
     * (of zero, closing), a refund, reclaims (of zero and of money), the rollback of a refused bet, a
     * tombstone, and refusals of a bet, a win and rollbacks. Decided by the domain's own wallet.
     */
    static List<LoggedEvent> everyOutcome(DecidingLog writer, String walletId) {
        List<LoggedEvent> events = new ArrayList<>();
        events.add(writer.open(walletId, 1_000));
        events.add(writer.change(walletId, FundsOperation.ADD, "dep-1", 500));
        events.add(writer.change(walletId, FundsOperation.REMOVE, "wd-1", 200));
        events.add(writer.decide(walletId, bet("bet-1", "r-1", 300, false, AWKWARD_METADATA)));
        events.add(writer.decide(walletId, win("win-1", "r-1", 450, true)));
        events.add(writer.decide(walletId, bet("bet-2", "r-1", 100, false, Metadata.NONE)));
        events.add(writer.decide(walletId, bet("bet-3", "r-2", 100, false, Metadata.of(Map.of("seat", "3")))));
        events.add(writer.decide(walletId, rollback("rb-1", "bet-3")));
        events.add(writer.decide(walletId, bet("bet-4", "r-3", 50, false, Metadata.NONE)));
        events.add(writer.decide(walletId, win("win-2", "r-3", 0, false)));
        events.add(writer.decide(walletId, rollback("rb-2", "win-2")));
        events.add(writer.decide(walletId, win("win-3", "r-3", 70, false)));
        events.add(writer.decide(walletId, rollback("rb-3", "win-3")));
        events.add(writer.decide(walletId, bet("bet-5", "r-4", 10_000_000, true, Metadata.NONE)));
        events.add(writer.decide(walletId, rollback("rb-4", "bet-5")));
        events.add(writer.decide(walletId, rollback("rb-5", "never-seen")));
        events.add(writer.decide(walletId, rollback("rb-6", "never-seen")));
        events.add(writer.decide(walletId, rollback("rb-7", "dep-1")));
        events.add(writer.decide(walletId, win("win-4", "r-9", 30, false)));
        events.add(writer.decide(walletId, rollback("rb-8", "bet-1")));
        return events;
    }

    static BetRequest bet(String reference, String round, long cents, boolean closes, Metadata metadata) {
        return new BetRequest(Reference.of(reference), RoundId.of(round), Amount.ofCents(cents), closes, metadata);
    }

    static WinRequest win(String reference, String round, long cents, boolean closes) {
        return new WinRequest(Reference.of(reference), RoundId.of(round), Amount.ofCents(cents), closes,
                Metadata.of(Map.of("result", Long.toString(cents))));
    }

    static RollbackRequest rollback(String reference, String original) {
        return new RollbackRequest(Reference.of(reference), Reference.of(original));
    }

    private List<Long> balancesAfterAsTheWriterHoldsThem(String walletId) {
        List<Long> balances = new ArrayList<>();
        balances.add(writer.wallet(walletId).opening().orElseThrow().amount().cents());
        writer.wallet(walletId).entries().forEach(entry -> balances.add(entry.balanceAfterCents()));
        return balances;
    }

    private static List<LoggedEvent> concat(List<LoggedEvent> first, List<LoggedEvent> second) {
        List<LoggedEvent> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static Instant at(long sequence) {
        return TestLog.START.plusSeconds(sequence);
    }
}

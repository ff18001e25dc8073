package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.BalanceAtQuery;
import com.acme.wallet.application.port.in.BeforeOpening;
import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.HistoryAnswer;
import com.acme.wallet.application.port.in.HistoryPage;
import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.in.InvalidCursor;
import com.acme.wallet.application.port.in.NoSuchRound;
import com.acme.wallet.application.port.in.NoSuchWallet;
import com.acme.wallet.application.port.in.PastBalance;
import com.acme.wallet.application.port.in.RollbackCommand;
import com.acme.wallet.application.port.in.RoundQuery;
import com.acme.wallet.application.port.in.RoundView;
import com.acme.wallet.application.port.in.SequenceNotReached;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WinCommand;
import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.domain.WinRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reads of stored history, over an in-memory store that can lag behind the writer as the batch
 * consumer does: pages by cursor, past balances, rounds, and when the answer is "retry later", "no
 * such wallet" or "no such sequence".
 */
class StoredHistoryServicesTest {

    private static final WalletId ALICE = WalletId.of("alice");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryEventLog log = new InMemoryEventLog();
    /** How many of the log's events the store holds: all of them unless a test holds it back. */
    private final AtomicInteger storedEvents = new AtomicInteger(Integer.MAX_VALUE);
    private final ReadHistoryPort store = new InMemoryWalletHistory(() -> {
        List<WalletEvent> events = log.events();
        return events.subList(0, Math.min(storedEvents.get(), events.size()));
    });
    private final Ledger ledger = aLedger().over(log).withHistory(store).withClock(new SecondsClock()).started();

    @AfterEach
    void stop() {
        ledger.close();
    }

    @Test
    void given_a_wallet_then_pages_newest_first_follow_their_cursors_down_to_the_opening() {
        openAliceWithChanges(7);

        HistoryPage first = page(query(3, Optional.empty()));
        HistoryPage second = page(query(3, first.nextCursor()));
        HistoryPage last = page(query(3, second.nextCursor()));

        assertThat(sequences(first)).containsExactly(8L, 7L, 6L);
        assertThat(sequences(second)).containsExactly(5L, 4L, 3L);
        assertThat(sequences(last)).containsExactly(2L, 1L);
        assertThat(last.nextCursor()).isEmpty();
        assertThat(last.items().get(1).ledgerEntry()).as("the opening has no reference").isEmpty();
        assertThat(first.storedThroughSequence()).isEqualTo(8);
    }

    @Test
    void given_changes_arriving_between_pages_then_oldest_first_pages_never_skip_or_repeat() {
        openAliceWithChanges(4);
        List<Long> read = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        for (int page = 0; page < 10; page++) {
            HistoryPage answer = page(new HistoryQuery(ALICE, HistoryFilter.EVERYTHING, HistoryOrder.ASCENDING, 2,
                    cursor, 0));
            answer.items().forEach(item -> read.add(item.sequence()));
            if (page < 3) {
                Await.result(ledger.addFunds(change(ALICE, 1, "later-" + page)));
            }
            cursor = answer.nextCursor();
            if (cursor.isEmpty()) {
                break;
            }
        }

        assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void given_a_cursor_then_it_is_refused_with_another_wallet_order_or_filter() {
        openAliceWithChanges(5);
        Await.result(ledger.open(opening("bob", 10)));
        String cursor = page(query(2, Optional.empty())).nextCursor().orElseThrow();
        HistoryFilter adds = new HistoryFilter(Set.of(TransactionType.ADD), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThat(ledger.history(new HistoryQuery(WalletId.of("bob"), HistoryFilter.EVERYTHING,
                HistoryOrder.DESCENDING, 2, Optional.of(cursor), 0))).isInstanceOf(InvalidCursor.class);
        assertThat(ledger.history(new HistoryQuery(ALICE, HistoryFilter.EVERYTHING, HistoryOrder.ASCENDING, 2,
                Optional.of(cursor), 0))).isInstanceOf(InvalidCursor.class);
        assertThat(ledger.history(new HistoryQuery(ALICE, adds, HistoryOrder.DESCENDING, 2, Optional.of(cursor), 0)))
                .isInstanceOf(InvalidCursor.class);
        assertThat(ledger.history(query(2, Optional.of("not a cursor")))).isInstanceOf(InvalidCursor.class);
        assertThat(ledger.history(query(5, Optional.of(cursor)))).as("another limit is the same query")
                .isInstanceOf(HistoryPage.class);
    }

    @Test
    void given_filters_then_a_page_holds_only_the_matching_entries() {
        openAliceWithRound();
        HistoryFilter rollbacksAndWins = new HistoryFilter(Set.of(TransactionType.ROLLBACK, TransactionType.WIN),
                Optional.empty(), Optional.empty(), Optional.empty());
        HistoryFilter roundOne = new HistoryFilter(Set.of(), Optional.of(RoundId.of("r-1")), Optional.empty(),
                Optional.empty());
        HistoryFilter secondsTwoToFour = new HistoryFilter(Set.of(), Optional.empty(), Optional.of(START.plusSeconds(2)),
                Optional.of(START.plusSeconds(4)));

        assertThat(sequences(page(new HistoryQuery(ALICE, rollbacksAndWins, HistoryOrder.ASCENDING, 50,
                Optional.empty(), 0)))).containsExactly(4L, 5L);
        assertThat(sequences(page(new HistoryQuery(ALICE, roundOne, HistoryOrder.ASCENDING, 50, Optional.empty(), 0))))
                .as("the bets, the win and the refund of round r-1").containsExactly(2L, 3L, 4L, 5L);
        assertThat(sequences(page(new HistoryQuery(ALICE, secondsTwoToFour, HistoryOrder.DESCENDING, 50,
                Optional.empty(), 0)))).as("[from, to)").containsExactly(3L, 2L);
    }

    @Test
    void given_a_wallet_the_store_does_not_know_then_it_is_not_found_unless_the_writer_holds_it() {
        assertThat(ledger.history(query(5, Optional.empty()))).isEqualTo(new NoSuchWallet(ALICE));

        storedEvents.set(0);
        Await.result(ledger.open(opening("alice", 100)));

        assertThatThrownBy(() -> ledger.history(query(5, Optional.empty())))
                .isInstanceOf(TemporarilyUnavailableException.class).hasMessageContaining("not stored yet");
        assertThatThrownBy(() -> ledger.round(new RoundQuery(ALICE, RoundId.of("r-1"), 0)))
                .isInstanceOf(TemporarilyUnavailableException.class);
    }

    @Test
    void given_a_min_sequence_then_a_store_behind_it_answers_retry_and_one_the_wallet_never_reached_not_reached() {
        openAliceWithChanges(3);
        storedEvents.set(2);

        assertThatThrownBy(() -> ledger.history(new HistoryQuery(ALICE, HistoryFilter.EVERYTHING,
                HistoryOrder.DESCENDING, 5, Optional.empty(), 4))).isInstanceOf(TemporarilyUnavailableException.class)
                .hasMessageContaining("through sequence 2, not yet through 4");
        assertThat(ledger.history(new HistoryQuery(ALICE, HistoryFilter.EVERYTHING, HistoryOrder.DESCENDING, 5,
                Optional.empty(), 5))).isEqualTo(new SequenceNotReached(ALICE, 5, 4));
        assertThat(page(new HistoryQuery(ALICE, HistoryFilter.EVERYTHING, HistoryOrder.DESCENDING, 5,
                Optional.empty(), 2)).storedThroughSequence()).isEqualTo(2);
    }

    @Test
    void given_a_history_then_the_balance_at_every_sequence_is_the_balance_the_writer_answered_then() {
        Await.result(ledger.open(opening("alice", 100)));
        List<Long> balances = new ArrayList<>(List.of(100L));
        for (int i = 1; i <= 5; i++) {
            ChangeOutcome outcome = Await.result(i % 2 == 0 ? ledger.removeFunds(change(ALICE, 30, "r-" + i))
                    : ledger.addFunds(change(ALICE, 20, "a-" + i)));
            balances.add(((ChangeOutcome.Accepted) outcome).change().balanceAfterCents());
        }

        for (int sequence = 1; sequence <= 6; sequence++) {
            PastBalance past = (PastBalance) ledger.balanceAt(new BalanceAtQuery(ALICE,
                    new BalanceAtQuery.AtSequence(sequence), 0));
            assertThat(past.balanceCents()).as("sequence %s", sequence).isEqualTo(balances.get(sequence - 1));
            assertThat(past.at()).isEqualTo(START.plusSeconds(sequence));
        }
        assertThat(ledger.balanceAt(new BalanceAtQuery(ALICE, new BalanceAtQuery.AtSequence(7), 0)))
                .isEqualTo(new SequenceNotReached(ALICE, 7, 6));
        storedEvents.set(3);
        assertThatThrownBy(() -> ledger.balanceAt(new BalanceAtQuery(ALICE, new BalanceAtQuery.AtSequence(5), 0)))
                .isInstanceOf(TemporarilyUnavailableException.class);
    }

    @Test
    void given_an_instant_then_the_balance_is_after_the_last_change_at_or_before_it_and_none_before_the_opening() {
        openAliceWithChanges(3);

        assertThat(ledger.balanceAt(atInstant(START.plusSeconds(3)))).isEqualTo(
                new PastBalance(ALICE, 102, 3, START.plusSeconds(3)));
        assertThat(ledger.balanceAt(atInstant(START.plusMillis(3_999)))).isEqualTo(
                new PastBalance(ALICE, 102, 3, START.plusMillis(3_999)));
        assertThat(ledger.balanceAt(atInstant(START.plusSeconds(1)))).isEqualTo(
                new PastBalance(ALICE, 100, 1, START.plusSeconds(1)));
        assertThat(ledger.balanceAt(atInstant(START.plusMillis(999)))).isEqualTo(
                new BeforeOpening(ALICE, START.plusMillis(999)));
        assertThat(ledger.balanceAt(atInstant(START))).isInstanceOf(BeforeOpening.class);
        assertThat(ledger.balanceAt(new BalanceAtQuery(WalletId.of("nobody"), new BalanceAtQuery.AtInstant(START), 0)))
                .isEqualTo(new NoSuchWallet(WalletId.of("nobody")));
    }

    @Test
    void given_a_round_with_a_rollback_then_it_sums_the_legs_not_rolled_back_and_names_the_rollback() {
        openAliceWithRound();

        RoundView round = (RoundView) ledger.round(new RoundQuery(ALICE, RoundId.of("r-1"), 0));

        assertThat(round.closed()).isTrue();
        assertThat(round.stakedCents()).isEqualTo(30);
        assertThat(round.wonCents()).isEqualTo(80);
        assertThat(round.legs()).extracting(leg -> leg.entry().reference().value() + ":"
                + leg.rolledBackBy().map(Reference::value).orElse("-"))
                .containsExactly("bet-1:rb-1", "bet-2:-", "win-1:-");
        assertThat(ledger.round(new RoundQuery(ALICE, RoundId.of("r-2"), 0)))
                .isEqualTo(new NoSuchRound(ALICE, RoundId.of("r-2")));
    }

    @Test
    void given_a_store_that_cannot_be_read_then_every_read_answers_retry_and_a_store_that_answers_nonsense_fails() {
        openAliceWithChanges(1);
        ReadHistoryPort unreachable = new FailingHistory(new RuntimeException("connection refused"));
        ReadHistoryPort foreign = new FailingHistory(null);

        try (Ledger over = aLedger().over(log).withHistory(unreachable).started();
                Ledger nonsense = aLedger().over(log).withHistory(foreign).started()) {
            assertThatThrownBy(() -> over.history(query(5, Optional.empty())))
                    .isInstanceOf(TemporarilyUnavailableException.class);
            assertThatThrownBy(() -> over.balanceAt(atInstant(START))).isInstanceOf(TemporarilyUnavailableException.class);
            assertThatThrownBy(() -> nonsense.history(query(5, Optional.empty())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("was read with");
        }
    }

    private void openAliceWithChanges(int changes) {
        Await.result(ledger.open(opening("alice", 100)));
        for (int i = 1; i <= changes; i++) {
            Await.result(ledger.addFunds(change(ALICE, 1, "add-" + i)));
        }
    }

    /** Sequences 2 to 5 of round r-1: a bet, a bet, the refund of the first, a closing win. */
    private void openAliceWithRound() {
        Await.result(ledger.open(opening("alice", 100)));
        Await.result(ledger.placeBet(new BetCommand(ALICE, new BetRequest(Reference.of("bet-1"), RoundId.of("r-1"),
                Amount.ofCents(10), false, Metadata.NONE), Caller.ANONYMOUS)));
        Await.result(ledger.placeBet(new BetCommand(ALICE, new BetRequest(Reference.of("bet-2"), RoundId.of("r-1"),
                Amount.ofCents(30), false, Metadata.NONE), Caller.ANONYMOUS)));
        Await.result(ledger.rollBack(new RollbackCommand(ALICE, new RollbackRequest(Reference.of("rb-1"),
                Reference.of("bet-1")), Caller.ANONYMOUS)));
        Await.result(ledger.payWin(new WinCommand(ALICE, new WinRequest(Reference.of("win-1"), RoundId.of("r-1"),
                Amount.ofCents(80), true, Metadata.NONE), Caller.ANONYMOUS)));
    }

    private HistoryPage page(HistoryQuery query) {
        HistoryAnswer answer = ledger.history(query);
        assertThat(answer).isInstanceOf(HistoryPage.class);
        return (HistoryPage) answer;
    }

    private static HistoryQuery query(int limit, Optional<String> cursor) {
        return new HistoryQuery(ALICE, HistoryFilter.EVERYTHING, HistoryOrder.DESCENDING, limit, cursor, 0);
    }

    private static BalanceAtQuery atInstant(Instant at) {
        return new BalanceAtQuery(ALICE, new BalanceAtQuery.AtInstant(at), 0);
    }

    private static List<Long> sequences(HistoryPage page) {
        return page.items().stream().map(HistoryEntry::sequence).toList();
    }

    /** Every event a second after the last, the first at {@link #START} plus one second. */
    private static final class SecondsClock extends Clock {

        private Instant now = START;

        @Override
        public synchronized Instant instant() {
            now = now.plus(Duration.ofSeconds(1));
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("only UTC");
        }
    }

    /** A store that fails every read, or (with no failure) answers with an entry of another wallet. */
    private record FailingHistory(RuntimeException failure) implements ReadHistoryPort {

        @Override
        public StoredHistory page(WalletId wallet, HistoryPageRequest page) {
            return answer();
        }

        @Override
        public StoredHistory entryAt(WalletId wallet, long sequence) {
            return answer();
        }

        @Override
        public StoredHistory lastEntryAt(WalletId wallet, Instant at) {
            return answer();
        }

        @Override
        public StoredHistory round(WalletId wallet, RoundId roundId, int limit) {
            return answer();
        }

        private StoredHistory answer() {
            if (failure != null) {
                throw failure;
            }
            WalletEvent bobs = new WalletOpened(new UUID(0, 9), WalletId.of("bob"), 1, Amount.ofCents(5), START);
            return new StoredHistory(1, List.of(new HistoryEntry(bobs, 5)));
        }
    }
}

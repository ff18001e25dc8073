package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.RoundView;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stored history read back from a real PostgreSQL: pages by keyset that never skip or repeat
 * while rows arrive between them, every filter and both orders exactly as the in-memory history
 * (the reference the services are tested against) answers them, balances in the past, and rounds.
 */
class JdbiWalletHistoryIT {

    private static final WalletId PLAYER = WalletId.of("player-1");

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
    private final DecidingLog writer = new DecidingLog(log);
    private final List<WalletEvent> persisted = new ArrayList<>();
    private JdbiEventStore store;
    private JdbiWalletHistory history;
    private InMemoryWalletHistory reference;

    @BeforeEach
    void createAdapters() {
        store = new JdbiEventStore(database.jdbi(), new TickingClock());
        history = new JdbiWalletHistory(database.jdbi());
        reference = new InMemoryWalletHistory(() -> List.copyOf(persisted));
    }

    @Test
    void ascending_pages_hold_every_entry_once_in_order_while_rows_are_inserted_between_page_reads() {
        persist(writer.randomHistory(new Random(1), PLAYER.value(), 40));
        Random random = new Random(2);

        List<Long> read = readAllPages(HistoryOrder.ASCENDING, HistoryFilter.EVERYTHING, 7,
                page -> persist(writer.moreRandomHistory(random, PLAYER.value(), 5, "page-" + page + "-")));

        long last = lastSequence();
        assertThat(last).isGreaterThan(60);
        assertThat(read).isEqualTo(sequences(1, last));
    }

    @Test
    void descending_pages_hold_every_entry_stored_at_the_first_read_once_while_newer_rows_arrive() {
        persist(writer.randomHistory(new Random(3), PLAYER.value(), 40));
        long lastAtFirstRead = lastSequence();
        Random random = new Random(4);

        List<Long> read = readAllPages(HistoryOrder.DESCENDING, HistoryFilter.EVERYTHING, 6,
                page -> persist(writer.moreRandomHistory(random, PLAYER.value(), 5, "page-" + page + "-")));

        assertThat(lastSequence()).isGreaterThan(lastAtFirstRead);
        List<Long> newestFirst = sequences(1, lastAtFirstRead);
        Collections.reverse(newestFirst);
        assertThat(read).isEqualTo(newestFirst);
    }

    @Test
    void every_filter_in_both_orders_answers_page_by_page_as_the_in_memory_history_does() {
        persist(writer.randomHistory(new Random(5), PLAYER.value(), 120));
        persist(writer.randomHistory(new Random(6), "player-2", 30));
        List<WalletEvent> events = persisted.stream().filter(event -> event.walletId().equals(PLAYER)).toList();
        Instant early = events.get(events.size() / 4).occurredAt();
        Instant late = events.get(events.size() * 3 / 4).occurredAt();
        List<HistoryFilter> filters = List.of(HistoryFilter.EVERYTHING,
                filter(EnumSet.of(TransactionType.BET), null, null, null),
                filter(EnumSet.of(TransactionType.WIN, TransactionType.ROLLBACK), null, null, null),
                filter(EnumSet.of(TransactionType.ADD, TransactionType.REMOVE), null, null, null),
                filter(Set.of(), "r-1", null, null),
                filter(EnumSet.of(TransactionType.ROLLBACK), "r-2", null, null),
                filter(Set.of(), "r-never", null, null),
                filter(Set.of(), null, early, null),
                filter(Set.of(), null, null, late),
                filter(Set.of(), null, early, late),
                // Finer than PostgreSQL's microseconds: the bounds still mean [from, to).
                filter(Set.of(), null, early.plusNanos(1), late.plusNanos(1)),
                filter(Set.of(), null, early.minusNanos(1), late.minusNanos(1)),
                filter(EnumSet.of(TransactionType.BET, TransactionType.WIN), "r-3", early, late));
        for (HistoryFilter filter : filters) {
            for (HistoryOrder order : HistoryOrder.values()) {
                for (int limit : List.of(1, 9, 1_000)) {
                    assertSamePages(filter, order, limit);
                }
            }
        }
    }

    @Test
    void the_balance_right_after_every_sequence_is_the_running_sum_of_the_deltas() {
        List<LoggedEvent> events = writer.randomHistory(new Random(7), PLAYER.value(), 80);
        persist(events);
        long runningSum = 0;

        for (LoggedEvent logged : events) {
            WalletEvent event = logged.event();
            runningSum += event instanceof ReferencedEvent change
                    ? change.balanceDeltaCents() : event.amount().cents();
            StoredHistory stored = history.entryAt(PLAYER, event.sequence());

            assertThat(stored.entries()).as("sequence %s", event.sequence())
                    .containsExactly(new HistoryEntry(event, runningSum));
            assertThat(stored.storedThroughSequence()).isEqualTo(events.size());
        }
        assertThat(history.entryAt(PLAYER, events.size() + 1L)).isEqualTo(new StoredHistory(events.size(), List.of()));
        assertThat(history.entryAt(WalletId.of("nobody"), 1)).isEqualTo(StoredHistory.unknownWallet());
    }

    @Test
    void the_balance_at_an_instant_is_after_the_last_event_that_occurred_at_or_before_it() {
        List<LoggedEvent> events = writer.randomHistory(new Random(8), PLAYER.value(), 30);
        persist(events);

        for (LoggedEvent logged : events) {
            Instant at = logged.event().occurredAt();
            for (Instant asked : List.of(at, at.plusNanos(999), at.minusNanos(1), at.minus(1, ChronoUnit.MICROS))) {
                assertThat(history.lastEntryAt(PLAYER, asked)).as("at %s", asked)
                        .isEqualTo(reference.lastEntryAt(PLAYER, asked));
            }
            assertThat(history.lastEntryAt(PLAYER, at).entries()).extracting(HistoryEntry::sequence)
                    .containsExactly(logged.event().sequence());
        }
        Instant opening = events.get(0).event().occurredAt();
        assertThat(history.lastEntryAt(PLAYER, opening.minusNanos(1)))
                .isEqualTo(new StoredHistory(events.size(), List.of()));
    }

    @Test
    void a_round_holds_its_applied_legs_and_the_rollbacks_of_them_and_sums_up_as_the_domain_decided() {
        persist(JdbiEventStoreBettingIT.everyOutcome(writer, "alice"));
        WalletId alice = WalletId.of("alice");

        RoundView closed = RoundView.of(alice, RoundId.of("r-1"), history.round(alice, RoundId.of("r-1"), 10).entries());
        RoundView refunded = RoundView.of(alice, RoundId.of("r-2"), history.round(alice, RoundId.of("r-2"), 10).entries());
        RoundView reclaimed = RoundView.of(alice, RoundId.of("r-3"), history.round(alice, RoundId.of("r-3"), 10).entries());

        assertThat(closed.closed()).isTrue();
        assertThat(closed.stakedCents()).isEqualTo(300);
        assertThat(closed.wonCents()).isEqualTo(450);
        assertThat(legs(closed)).containsExactly("bet-1:-", "win-1:-");
        assertThat(refunded.closed()).isFalse();
        assertThat(refunded.stakedCents()).isZero();
        assertThat(legs(refunded)).containsExactly("bet-3:rb-1");
        assertThat(reclaimed.stakedCents()).isEqualTo(50);
        assertThat(reclaimed.wonCents()).isZero();
        assertThat(legs(reclaimed)).containsExactly("bet-4:-", "win-2:rb-2", "win-3:rb-3");
        // r-4's only bet and r-9's only win were refused: no applied leg.
        assertThat(history.round(alice, RoundId.of("r-4"), 10).entries()).isEmpty();
        assertThat(history.round(alice, RoundId.of("r-9"), 10).entries()).isEmpty();
        assertThat(history.round(alice, RoundId.of("r-3"), 2).entries()).hasSize(2);
    }

    @Test
    void rounds_of_random_histories_are_read_as_the_in_memory_history_reads_them() {
        persist(writer.randomHistory(new Random(9), PLAYER.value(), 150));

        for (String round : List.of("r-0", "r-1", "r-2", "r-3", "r-never")) {
            StoredHistory stored = history.round(PLAYER, RoundId.of(round), 1_000);

            assertThat(stored).as(round).isEqualTo(reference.round(PLAYER, RoundId.of(round), 1_000));
            if (!stored.entries().isEmpty()) {
                RoundView.of(PLAYER, RoundId.of(round), stored.entries());
            }
        }
    }

    private void assertSamePages(HistoryFilter filter, HistoryOrder order, int limit) {
        OptionalLong after = OptionalLong.empty();
        for (int page = 0; page < 1_000; page++) {
            HistoryPageRequest request = new HistoryPageRequest(filter, order, after, limit);
            StoredHistory stored = history.page(PLAYER, request);
            assertThat(stored).as("%s page %s", request, page).isEqualTo(reference.page(PLAYER, request));
            if (stored.entries().size() < limit) {
                return;
            }
            after = OptionalLong.of(stored.entries().get(stored.entries().size() - 1).sequence());
        }
        throw new AssertionError("paging " + filter + " did not end");
    }

    /** Reads every page, calling {@code between} after each, and answers the sequences read, in order. */
    private List<Long> readAllPages(HistoryOrder order, HistoryFilter filter, int limit, Consumer<Integer> between) {
        List<Long> read = new ArrayList<>();
        OptionalLong after = OptionalLong.empty();
        for (int page = 0; page < 1_000; page++) {
            StoredHistory stored = history.page(PLAYER, new HistoryPageRequest(filter, order, after, limit));
            stored.entries().forEach(entry -> read.add(entry.sequence()));
            if (stored.entries().size() < limit) {
                return read;
            }
            after = OptionalLong.of(read.get(read.size() - 1));
            between.accept(page);
        }
        throw new AssertionError("paging did not end");
    }

    private void persist(List<LoggedEvent> events) {
        store.persist(events);
        events.forEach(logged -> persisted.add(logged.event()));
    }

    private long lastSequence() {
        return history.entryAt(PLAYER, 1).storedThroughSequence();
    }

    private static List<Long> sequences(long first, long last) {
        List<Long> sequences = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }

    private static List<String> legs(RoundView round) {
        return round.legs().stream().map(leg -> leg.entry().reference().value() + ":"
                + leg.rolledBackBy().map(Reference::value).orElse("-")).toList();
    }

    private static HistoryFilter filter(Set<TransactionType> types, String round, Instant from, Instant to) {
        return new HistoryFilter(types, Optional.ofNullable(round).map(RoundId::of), Optional.ofNullable(from),
                Optional.ofNullable(to));
    }
}

package com.acme.wallet.application;

import static com.acme.wallet.application.WalletEvents.credit;
import static com.acme.wallet.application.WalletEvents.debit;
import static com.acme.wallet.application.WalletEvents.opened;
import static com.acme.wallet.application.WalletEvents.position;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The loader hands out wallets exactly as the log holds them: a snapshot is only a shortcut, so
 * snapshot plus tail must always equal the whole log, and a log that breaks a money rule stops it.
 */
class SnapshotAndLogLoaderTest {

    private static final WalletId ALICE = wallet("alice");
    private static final WalletId BOB = wallet("bob");
    private static final WalletId CAROL = wallet("carol");
    private static final String P0 = "wallet-events-0";
    private static final String P1 = "wallet-events-1";
    private static final String P2 = "wallet-events-2";

    /** A wallet's durable state, in the terms a test states it. */
    private record State(long balanceCents, long lastSequence) {}

    private final InMemoryPartitionedLog log = new InMemoryPartitionedLog()
            .routing("alice", P0).routing("bob", P1).routing("carol", P2);

    /** Two wallets on two partitions, interleaved as a busy log interleaves them, then a third. */
    private InMemoryPartitionedLog busyLog() {
        return log.holding(
                opened("alice", 500),
                opened("bob", 20),
                credit("alice", 2, 100, "wonbet-1"),
                debit("bob", 2, 15, "bet-7"),
                debit("alice", 3, 50, "bet-1"),
                credit("bob", 3, 40, "wonbet-9"),
                opened("carol", 0),
                credit("carol", 2, 70, "bonus-1"));
    }

    @Test
    void an_empty_snapshot_loads_every_wallet_as_the_whole_log_holds_it() {
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(InMemorySnapshots.empty(), busyLog());

        assertThat(states(loadAll(loader))).containsOnly(
                entry(ALICE, new State(550, 3)), entry(BOB, new State(45, 3)), entry(CAROL, new State(70, 2)));
        assertThat(log.readsAfter()).containsExactly(LogPositions.none());
    }

    @Test
    void an_empty_snapshot_and_an_empty_log_load_no_wallet() {
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(InMemorySnapshots.empty(), log);

        assertThat(loadAll(loader)).isEmpty();
        assertThat(load(loader, ALICE)).isEmpty();
    }

    @Test
    void a_snapshot_is_completed_by_the_events_the_log_holds_after_its_positions() {
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(4, busyLog());
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(snapshots, log);

        assertThat(states(loadAll(loader))).containsOnly(
                entry(ALICE, new State(550, 3)), entry(BOB, new State(45, 3)), entry(CAROL, new State(70, 2)));
        assertThat(log.readsAfter()).containsExactly(
                LogPositions.of(List.of(position(P0, 1), position(P1, 1))));
    }

    @Test
    void a_snapshot_of_the_whole_log_is_loaded_as_it_is() {
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(8, busyLog());
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(snapshots, log);

        assertThat(states(loadAll(loader))).containsOnly(
                entry(ALICE, new State(550, 3)), entry(BOB, new State(45, 3)), entry(CAROL, new State(70, 2)));
    }

    @Test
    void each_partition_is_read_after_its_own_position_and_one_the_snapshot_never_saw_from_its_beginning() {
        // The snapshot holds alice and bob; carol's partition has no position in it yet.
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(6, busyLog());
        assertThat(snapshots.positions().of(P2)).isEmpty();

        Map<WalletId, Wallet> loaded = loadAll(new SnapshotAndLogLoader(snapshots, log));

        assertThat(states(loaded)).containsEntry(CAROL, new State(70, 2));
    }

    @Test
    void events_the_snapshot_already_holds_are_skipped_when_the_tail_overlaps_it() {
        // The state includes six events but its positions only four: the tail repeats two of them.
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(6, busyLog()).withPositions(log.positionsOfFirst(4));

        Map<WalletId, Wallet> loaded = loadAll(new SnapshotAndLogLoader(snapshots, log));

        assertThat(states(loaded)).containsOnly(
                entry(ALICE, new State(550, 3)), entry(BOB, new State(45, 3)), entry(CAROL, new State(70, 2)));
    }

    @Test
    void every_cut_of_the_log_into_snapshot_and_tail_loads_the_same_wallets_as_the_whole_log() {
        busyLog();
        Map<WalletId, Wallet> wholeLog = loadAll(new SnapshotAndLogLoader(InMemorySnapshots.empty(), log));

        // Every state cut, with every position cut at or before it (an overlap of any length).
        int events = log.size() - 1;
        for (int stateCut = 0; stateCut <= events; stateCut++) {
            for (int positionCut = 0; positionCut <= stateCut; positionCut++) {
                InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(stateCut, log)
                        .withPositions(log.positionsOfFirst(positionCut));
                SnapshotAndLogLoader loader = new SnapshotAndLogLoader(snapshots, log);

                String cut = "state after " + stateCut + " events, positions after " + positionCut;
                assertThat(durableViews(loadAll(loader))).as(cut).isEqualTo(durableViews(wholeLog));
            }
        }
    }

    @Test
    void wallets_opened_in_the_tail_are_loaded_alongside_those_of_the_snapshot() {
        log.holding(opened("alice", 500), credit("alice", 2, 100, "wonbet-1"));
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(2, log);
        log.holding(opened("bob", 20), opened("carol", 0), credit("carol", 2, 5, "bonus-1"));

        Map<WalletId, Wallet> loaded = loadAll(new SnapshotAndLogLoader(snapshots, log));

        assertThat(states(loaded)).containsOnly(
                entry(ALICE, new State(600, 2)), entry(BOB, new State(20, 1)), entry(CAROL, new State(5, 2)));
    }

    @Test
    void a_wallet_handed_out_is_the_callers_own_and_later_loads_are_unaffected_by_changes_to_it() {
        log.holding(opened("alice", 500));
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(InMemorySnapshots.afterFirst(1, log), log);

        Wallet first = load(loader, ALICE).orElseThrow();
        first.applyDurable(credit("alice", 2, 100, "wonbet-not-in-the-log"));

        assertThat(load(loader, ALICE).map(SnapshotAndLogLoaderTest::state)).contains(new State(500, 1));
    }

    @Test
    void replays_recorded_in_the_snapshot_are_kept_with_the_balance_they_left() {
        log.holding(opened("alice", 500), credit("alice", 2, 100, "wonbet-1"));
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(2, log);
        log.holding(debit("alice", 3, 50, "bet-1"));

        Wallet alice = load(new SnapshotAndLogLoader(snapshots, log), ALICE).orElseThrow();

        assertThat(alice.appliedChange(Reference.of("wonbet-1")))
                .contains(AppliedChange.of(credit("alice", 2, 100, "wonbet-1"), 600));
        assertThat(alice.appliedChange(Reference.of("bet-1")))
                .contains(AppliedChange.of(debit("alice", 3, 50, "bet-1"), 550));
    }

    @Test
    void a_log_that_takes_a_wallet_below_zero_stops_the_load_with_an_illegal_state() {
        log.holding(opened("alice", 100), credit("alice", 2, 30, "wonbet-1"));
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(2, log);
        log.holding(debit("alice", 3, 131, "bet-too-big"));
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(snapshots, log);

        assertThatThrownBy(() -> loadAll(loader)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void a_change_of_a_wallet_the_log_never_opened_stops_the_load() {
        log.holding(opened("alice", 100), credit("bob", 2, 30, "wonbet-1"));
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(InMemorySnapshots.empty(), log);

        assertThatThrownBy(() -> loadAll(loader)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_overlap_that_contradicts_the_snapshot_stops_the_load_instead_of_being_skipped() {
        log.holding(opened("alice", 500), credit("alice", 2, 100, "wonbet-1"));
        // The snapshot says sequence 2 added 300; the log says it added 100. One of them is wrong money.
        Wallet contradicting = Wallet.replay(ALICE, List.of(opened("alice", 500), credit("alice", 2, 300, "wonbet-1")));
        InMemorySnapshots snapshots = InMemorySnapshots.empty().holding(contradicting);
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(snapshots, log);

        // The same event id with other content: the same event told two ways.
        assertThatThrownBy(() -> loadAll(loader)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("other content");
    }

    @Test
    void a_tail_that_reuses_a_reference_of_the_snapshot_under_a_new_sequence_stops_the_load() {
        log.holding(opened("alice", 500), credit("alice", 2, 100, "wonbet-1"));
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(2, log);
        log.holding(credit("alice", 3, 100, "wonbet-1"));

        assertThatThrownBy(() -> loadAll(new SnapshotAndLogLoader(snapshots, log)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }

    @Test
    void a_snapshot_that_hands_out_one_wallet_twice_stops_the_load() {
        log.holding(opened("alice", 500));
        Wallet alice = Wallet.replay(ALICE, List.of(opened("alice", 500)));
        InMemorySnapshots snapshots = InMemorySnapshots.empty().holding(alice).holding(alice);

        assertThatThrownBy(() -> loadAll(new SnapshotAndLogLoader(snapshots, log)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
    }

    @Test
    void an_unreadable_message_in_the_tail_stops_the_load_rather_than_being_skipped() {
        log.holding(opened("alice", 500)).holdingUnreadableMessageIn(P0).holding(credit("alice", 2, 100, "wonbet-1"));
        SnapshotAndLogLoader loader = new SnapshotAndLogLoader(InMemorySnapshots.empty(), log);

        assertThatThrownBy(() -> loadAll(loader)).isInstanceOfSatisfying(UnreadableEventException.class,
                unreadable -> assertThat(unreadable.position()).isEqualTo(position(P0, 1)));
    }

    private Optional<Wallet> load(LoadWalletsPort loader, WalletId id) {
        return Optional.ofNullable(loadAll(loader).get(id));
    }

    /** Loads up to a barrier appended now, as the ledger does at start. */
    private Map<WalletId, Wallet> loadAll(LoadWalletsPort loader) {
        Map<WalletId, Wallet> loaded = new HashMap<>();
        LogPosition barrier = log.appendBarrier().toCompletableFuture().join();
        loader.loadAll(barrier, wallet -> {
            assertThat(wallet.isOpen()).as("%s is open", wallet.id()).isTrue();
            assertThat(wallet.inFlightCount()).as("%s holds only durable state", wallet.id()).isZero();
            assertThat(loaded.put(wallet.id(), wallet)).as("%s handed out once", wallet.id()).isNull();
        });
        return loaded;
    }

    private static State state(Wallet wallet) {
        return new State(wallet.balanceCents(), wallet.lastSequence());
    }

    private static Map<WalletId, State> states(Map<WalletId, Wallet> wallets) {
        Map<WalletId, State> states = new HashMap<>();
        wallets.forEach((id, wallet) -> states.put(id, state(wallet)));
        return states;
    }

    /** Everything durable a wallet holds, replays included, as a comparable value. */
    private static List<Object> durableView(Wallet wallet) {
        return List.of(wallet.id(), state(wallet), new HashSet<>(wallet.appliedChanges()));
    }

    private static Map<WalletId, List<Object>> durableViews(Map<WalletId, Wallet> wallets) {
        Map<WalletId, List<Object>> views = new HashMap<>();
        wallets.forEach((id, wallet) -> views.put(id, durableView(wallet)));
        return views;
    }
}

package com.acme.wallet.application;

import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake the ledger tests rely on must itself behave like a log; these tests pin that down. */
class ScriptedEventLogTest {

    private static final WalletId ALICE = wallet("alice");

    private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 100);

    @AfterEach
    void stop() {
        log.close();
    }

    @Test
    void held_appends_keep_their_place_in_the_log_whatever_order_they_are_settled_in() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<LogPosition> first = append(2, 10, "bet-1");
        CompletableFuture<LogPosition> second = append(3, 10, "bet-2");
        CompletableFuture<LogPosition> third = append(4, 10, "bet-3");

        log.heldChange("bet-3").confirm();
        log.heldChange("bet-2").failNotStored();
        log.heldChange("bet-1").failButStored();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(third).isCompleted();
        assertThat(log.storedEventsOf(ALICE)).extracting(WalletEvent::sequence).containsExactly(1L, 2L, 4L);
        assertThat(readUpTo(barrier())).extracting(WalletEvent::sequence).containsExactly(1L, 2L, 4L);
    }

    @Test
    void a_held_append_cannot_be_settled_twice() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        append(2, 10, "bet-1");
        ScriptedEventLog.Append held = log.heldChange("bet-1");
        held.confirm();

        assertThatThrownBy(held::failNotStored).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_delayed_append_settles_by_itself_on_another_thread() {
        log.planEveryAppend(new ScriptedEventLog.Delay(Duration.ofMillis(1), ScriptedEventLog.FAIL_BUT_STORED));

        CompletableFuture<LogPosition> reply = append(2, 10, "bet-1");

        assertThat(Await.failure(reply)).isInstanceOf(IllegalStateException.class);
        assertThat(log.storedEventsOf(ALICE)).hasSize(2);
        assertThat(log.held()).isEmpty();
    }

    @Test
    void reads_fail_as_often_as_scripted_then_replay_the_stored_events() {
        log.failNextReads(2);
        LogPosition barrier = barrier();

        assertThatThrownBy(() -> readUpTo(barrier)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> readUpTo(barrier)).isInstanceOf(RuntimeException.class);
        assertThat(readUpTo(barrier)).extracting(WalletEvent::walletId).containsExactly(ALICE);
        assertThat(log.readBacks()).isEqualTo(3);
    }

    @Test
    void a_send_that_fails_now_lands_in_its_place_at_the_next_barrier() {
        log.planEveryAppend(ScriptedEventLog.FAIL_NOW_LAND_LATER);
        CompletableFuture<LogPosition> late = append(2, 10, "bet-1");
        assertThat(Await.failure(late)).isInstanceOf(IllegalStateException.class);
        assertThat(log.storedEventsOf(ALICE)).hasSize(1);

        LogPosition barrier = barrier();

        assertThat(readUpTo(barrier)).extracting(WalletEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void a_barrier_is_confirmed_only_once_every_earlier_append_has_settled() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        append(2, 10, "bet-1");

        CompletableFuture<LogPosition> barrier = log.appendBarrier().toCompletableFuture();
        assertThat(barrier).isNotDone();
        log.heldChange("bet-1").failButStored();

        assertThat(readUpTo(Await.result(barrier))).extracting(WalletEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void events_after_a_barrier_are_not_read_up_to_it() {
        LogPosition barrier = barrier();
        append(2, 10, "bet-1");

        assertThat(readUpTo(barrier)).extracting(WalletEvent::sequence).containsExactly(1L);
    }

    @Test
    void load_all_hands_over_every_open_wallet_once() {
        log.seedOpening(wallet("bob"), 5);
        List<Wallet> loaded = new ArrayList<>();

        log.loadAll(barrier(), loaded::add);

        assertThat(loaded).extracting(Wallet::id).containsExactlyInAnyOrder(ALICE, wallet("bob"));
    }

    private LogPosition barrier() {
        return Await.result(log.appendBarrier());
    }

    private List<WalletEvent> readUpTo(LogPosition barrier) {
        List<WalletEvent> read = new ArrayList<>();
        log.readUpTo(LogPositions.none(), barrier, logged -> read.add(logged.event()));
        return read;
    }

    private CompletableFuture<LogPosition> append(long sequence, long cents, String reference) {
        return log.append(new FundsChanged(UUID.randomUUID(), ALICE, sequence, FundsOperation.REMOVE,
                Amount.positive(cents), Reference.of(reference), LedgerBuilder.NOW)).toCompletableFuture();
    }
}

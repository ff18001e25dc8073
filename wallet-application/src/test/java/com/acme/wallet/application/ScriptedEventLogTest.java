package com.acme.wallet.application;

import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        CompletableFuture<Void> first = append(2, 10, "bet-1");
        CompletableFuture<Void> second = append(3, 10, "bet-2");
        CompletableFuture<Void> third = append(4, 10, "bet-3");

        log.heldChange("bet-3").confirm();
        log.heldChange("bet-2").failNotStored();
        log.heldChange("bet-1").failButStored();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(third).isCompleted();
        assertThat(log.storedEventsOf(ALICE)).extracting(WalletEvent::sequence).containsExactly(1L, 2L, 4L);
        assertThat(log.load(ALICE)).map(Wallet::balanceCents).contains(80L);
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

        CompletableFuture<Void> reply = append(2, 10, "bet-1");

        assertThat(Await.failure(reply)).isInstanceOf(IllegalStateException.class);
        assertThat(log.storedEventsOf(ALICE)).hasSize(2);
        assertThat(log.held()).isEmpty();
    }

    @Test
    void loads_fail_as_often_as_scripted_then_replay_the_stored_events() {
        log.failNextLoads(2);

        assertThatThrownBy(() -> log.load(ALICE)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.load(ALICE)).isInstanceOf(IllegalStateException.class);
        assertThat(log.load(ALICE)).map(Wallet::balanceCents).contains(100L);
        assertThat(log.load(wallet("nobody"))).isEmpty();
        assertThat(log.loadsOf(ALICE)).isEqualTo(3);
    }

    @Test
    void loading_a_wallet_while_one_of_its_appends_is_pending_is_recorded_as_a_violation() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        append(2, 10, "bet-1");

        log.load(ALICE);

        assertThat(log.violations()).hasSize(1);
    }

    @Test
    void load_all_hands_over_every_open_wallet_once() {
        log.seedOpening(wallet("bob"), 5);
        List<Wallet> loaded = new ArrayList<>();

        log.loadAll(loaded::add);

        assertThat(loaded).extracting(Wallet::id).containsExactlyInAnyOrder(ALICE, wallet("bob"));
    }

    private CompletableFuture<Void> append(long sequence, long cents, String reference) {
        return log.append(new FundsChanged(UUID.randomUUID(), ALICE, sequence, FundsOperation.REMOVE,
                Amount.positive(cents), Reference.of(reference), LedgerBuilder.NOW)).toCompletableFuture();
    }
}

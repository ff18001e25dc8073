package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the log fails an append, the change's outcome is unknown. The wallet must then neither
 * report it as done nor decide anything more until it has read the truth back from the log.
 */
class WalletWriterLogFailureTest {

    private static final WalletId ALICE = wallet("alice");
    private static final WalletId BOB = wallet("bob");

    private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 100).seedOpening(BOB, 100);
    private final Ledger ledger = aLedger().over(log).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
        assertThat(log.violations()).isEmpty();
    }

    @Test
    void a_failed_append_fails_that_change_and_every_later_one_in_flight_but_not_the_earlier_ones() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        List<CompletableFuture<ChangeOutcome>> replies = removeTenFromAlice(4);

        log.heldChange("bet-1").failNotStored();

        // The later changes fail at once, before their own appends settle: each was decided
        // on a state that included the change now in doubt.
        assertThat(Await.failure(replies.get(1))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(replies.get(2))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(replies.get(3))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(replies.get(0)).isNotDone();

        log.heldChange("bet-0").confirm();

        assertThat(Await.result(replies.get(0))).isInstanceOfSatisfying(ChangeOutcome.Accepted.class,
                accepted -> assertThat(accepted.change().balanceAfterCents()).isEqualTo(90));
    }

    @Test
    void a_wallet_in_doubt_refuses_writes_until_its_appends_have_settled_and_it_was_read_back() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        removeTenFromAlice(2);
        log.heldChange("bet-0").failNotStored();

        assertThat(Await.failure(ledger.addFunds(change(ALICE, 5, "wonbet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 1_000, "bet-9"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(log.readBacks()).as("read back while an append is still pending").isZero();
        assertThat(ledger.readyForWrites()).isTrue();

        log.heldChange("bet-1").confirm();
        Await.untilWritable(ledger, ALICE);

        assertThat(log.readBacks()).isEqualTo(1);
        // bet-0 was lost and bet-1 stored: the wallet holds what the log holds.
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 90));
        assertThat(ledger.inFlightCount()).isZero();
    }

    @Test
    void a_send_that_lands_after_it_failed_never_gets_its_sequence_decided_again() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_NOW_LAND_LATER);
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 10, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, ALICE);
        // The broker stores the timed-out send only now. A real log cannot do this once a later
        // barrier is confirmed; a writer that read the wallet back without one would miss it.
        log.landLateAppends();

        AppliedChange next = accepted(ledger.removeFunds(change(ALICE, 20, "bet-2")));
        ChangeOutcome retry = Await.result(ledger.removeFunds(change(ALICE, 10, "bet-1")));

        assertThat(next.sequence()).isEqualTo(3);
        assertThat(next.balanceAfterCents()).isEqualTo(70);
        assertThat(retry).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(log.storedEventsOf(ALICE)).extracting(WalletEvent::sequence).containsExactly(1L, 2L, 3L);
        try (Ledger restarted = aLedger().over(log).started()) {
            assertThat(restarted.find(ALICE)).contains(new WalletBalance(ALICE, 70));
            assertThat(Await.result(restarted.removeFunds(change(ALICE, 10, "bet-1"))))
                    .isInstanceOf(ChangeOutcome.Replayed.class);
        }
    }

    @Test
    void a_writer_the_log_fenced_off_reports_itself_not_ready_and_takes_no_more_writes() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FENCED_OFF);

        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 10, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);

        assertThat(ledger.readyForWrites()).isFalse();
        assertThat(Await.failure(ledger.addFunds(change(BOB, 5, "wonbet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class).hasMessageContaining("another writer");
        assertThat(log.storedEventsOf(BOB)).hasSize(1);
    }

    @Test
    void wallets_in_doubt_together_are_read_back_in_one_read_of_the_log() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletionStage<ChangeOutcome> alice = ledger.removeFunds(change(ALICE, 10, "bet-1"));
        CompletionStage<ChangeOutcome> bob = ledger.removeFunds(change(BOB, 10, "bet-2"));
        log.awaitHeld(2);
        log.planEveryAppend(ScriptedEventLog.CONFIRM);

        log.heldChange("bet-2").failButStored();
        log.heldChange("bet-1").failNotStored();
        Await.failure(alice);
        Await.failure(bob);
        Await.untilWritable(ledger, ALICE);
        Await.untilWritable(ledger, BOB);

        assertThat(log.readBacks()).isBetween(1, 2);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 100));
        assertThat(ledger.find(BOB)).contains(new WalletBalance(BOB, 90));
        assertThat(ledger.walletsInDoubtCount()).isZero();
    }

    @Test
    void other_wallets_keep_working_while_one_is_in_doubt() {
        log.planAppendsOf(ALICE, ScriptedEventLog.HOLD);
        removeTenFromAlice(2);
        log.heldChange("bet-0").failNotStored();

        assertThat(Await.result(ledger.addFunds(change(BOB, 5, "wonbet-1"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(Await.result(ledger.removeFunds(change(BOB, 20, "bet-1"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(ledger.find(BOB)).contains(new WalletBalance(BOB, 85));
    }

    @Test
    void recovery_that_runs_before_the_failure_replies_are_delivered_does_not_halt_the_ledger() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        List<CompletableFuture<ChangeOutcome>> replies = removeTenFromAlice(2);
        log.heldChange("bet-1").confirm();
        // The failure of bet-0 is delivered first, and its callback holds up the delivery of
        // bet-1's failure until the wallet has been read back, as a slow thread might.
        replies.get(0).whenComplete((ignored, failure) -> Await.until("recovery has run",
                () -> !ledger.readyForWrites() || Await.takesWrites(ledger, ALICE)));

        log.heldChange("bet-0").failNotStored();

        assertThat(Await.failure(replies.get(1))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(ledger.readyForWrites()).as("ledger still takes writes").isTrue();
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 90));
    }

    @Test
    void a_change_the_log_stored_despite_failing_is_replayed_when_retried_after_recovery() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_BUT_STORED);
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, ALICE);
        ChangeOutcome retry = Await.result(ledger.removeFunds(change(ALICE, 30, "bet-1")));

        assertThat(retry).isInstanceOfSatisfying(ChangeOutcome.Replayed.class, replayed -> {
            assertThat(replayed.change().sequence()).isEqualTo(2);
            assertThat(replayed.change().balanceAfterCents()).isEqualTo(70);
        });
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 70));
        assertThat(storedReferencesOf(ALICE)).containsExactly("bet-1");
    }

    @Test
    void a_change_the_log_lost_is_accepted_afresh_when_retried_after_recovery() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_NOT_STORED);
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 100));

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, ALICE);
        ChangeOutcome retry = Await.result(ledger.removeFunds(change(ALICE, 30, "bet-1")));

        assertThat(retry).isInstanceOfSatisfying(ChangeOutcome.Accepted.class,
                accepted -> assertThat(accepted.change().balanceAfterCents()).isEqualTo(70));
        assertThat(storedReferencesOf(ALICE)).containsExactly("bet-1");
    }

    @Test
    void later_changes_the_log_stored_after_a_lost_one_are_replayed_and_the_lost_one_applies_afresh() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        List<CompletableFuture<ChangeOutcome>> replies = removeTenFromAlice(2);
        log.heldChange("bet-0").failNotStored();
        log.heldChange("bet-1").confirm();
        assertThat(Await.failure(replies.get(1))).isInstanceOf(TemporarilyUnavailableException.class);

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, ALICE);

        AppliedChange later = ((ChangeOutcome.Replayed) Await.result(
                ledger.removeFunds(change(ALICE, 10, "bet-1")))).change();
        assertThat(later.sequence()).isEqualTo(3);
        assertThat(later.balanceAfterCents()).isEqualTo(90);
        AppliedChange lost = ((ChangeOutcome.Accepted) Await.result(
                ledger.removeFunds(change(ALICE, 10, "bet-0")))).change();
        assertThat(lost.sequence()).isEqualTo(4);
        assertThat(lost.balanceAfterCents()).isEqualTo(80);
    }

    @Test
    void reading_a_wallet_back_is_retried_until_the_log_can_be_read() {
        log.failNextReads(3).planAppendsOf(ALICE, ScriptedEventLog.FAIL_BUT_STORED);
        Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1")));

        Await.untilWritable(ledger, ALICE);

        assertThat(log.readBacks()).isEqualTo(4);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 70));
    }

    @Test
    void an_append_that_throws_instead_of_failing_its_stage_puts_the_wallet_in_doubt_too() {
        log.planAppendsOf(ALICE, ScriptedEventLog.THROW_ON_APPEND);

        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, ALICE);
        assertThat(Await.result(ledger.removeFunds(change(ALICE, 30, "bet-1"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(ledger.inFlightCount()).isZero();
    }

    @Test
    void a_retry_that_joined_a_change_in_flight_fails_with_it_when_the_log_fails() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> original =
                ledger.addFunds(change(ALICE, 40, "wonbet-1")).toCompletableFuture();
        CompletableFuture<ChangeOutcome> retry =
                ledger.addFunds(change(ALICE, 40, "wonbet-1")).toCompletableFuture();

        log.heldChange("wonbet-1").failButStored();

        assertThat(Await.failure(original)).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(retry)).isInstanceOf(TemporarilyUnavailableException.class);
    }

    @Test
    void a_failure_message_tells_the_client_to_retry_with_the_same_reference_and_keeps_the_cause_for_logs() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_NOT_STORED);

        Throwable failure = Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1")));

        assertThat(failure).isInstanceOf(TemporarilyUnavailableException.class)
                .hasMessageContaining("same reference")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    private List<CompletableFuture<ChangeOutcome>> removeTenFromAlice(int count) {
        List<CompletableFuture<ChangeOutcome>> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(ledger.removeFunds(change(ALICE, 10, "bet-" + i)).toCompletableFuture());
        }
        return replies;
    }

    private List<String> storedReferencesOf(WalletId walletId) {
        return log.storedEventsOf(walletId).stream()
                .filter(FundsChanged.class::isInstance)
                .map(event -> ((FundsChanged) event).reference().value())
                .toList();
    }

    private static AppliedChange accepted(CompletionStage<ChangeOutcome> reply) {
        return ((ChangeOutcome.Accepted) Await.result(reply)).change();
    }
}

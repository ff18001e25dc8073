package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One wallet, many changes awaiting the log at once: none waits for another's round trip, yet no
 * reply runs ahead of the log.
 */
class WalletWriterPipeliningTest {

    private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(wallet("alice"), 100);
    private final Ledger ledger = aLedger().over(log).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void changes_of_one_wallet_are_all_handed_to_the_log_before_any_is_confirmed() {
        log.planEveryAppend(ScriptedEventLog.HOLD);

        List<CompletableFuture<ChangeOutcome>> replies = removeTenFiveTimes();

        assertThat(log.held()).hasSize(5);
        assertThat(log.held()).extracting(held -> held.event().sequence()).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(replies).noneMatch(CompletableFuture::isDone);
        assertThat(ledger.inFlightCount()).isEqualTo(5);
    }

    @Test
    void confirmations_out_of_order_give_replies_in_sequence_order_with_the_balance_each_left() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        List<CompletableFuture<ChangeOutcome>> replies = removeTenFiveTimes();
        List<String> replyOrder = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < replies.size(); i++) {
            String reference = "bet-" + i;
            replies.get(i).thenRun(() -> replyOrder.add(reference));
        }
        List<ScriptedEventLog.Append> held = log.held();

        held.get(4).confirm();
        assertThat(replies).noneMatch(CompletableFuture::isDone);
        held.get(0).confirm();
        assertThat(replyOrder).containsExactly("bet-0");
        held.get(2).confirm();
        assertThat(replyOrder).containsExactly("bet-0");
        held.get(1).confirm();
        assertThat(replyOrder).containsExactly("bet-0", "bet-1", "bet-2");
        held.get(3).confirm();

        assertThat(replyOrder).containsExactly("bet-0", "bet-1", "bet-2", "bet-3", "bet-4");
        assertThat(replies).extracting(reply -> balanceAfter(Await.result(reply)))
                .containsExactly(90L, 80L, 70L, 60L, 50L);
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 50));
        assertThat(ledger.inFlightCount()).isZero();
    }

    @Test
    void a_reply_waits_until_the_log_has_confirmed_the_change() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> reply = ledger.addFunds(change("alice", 25, "wonbet-1")).toCompletableFuture();

        assertThat(reply).isNotDone();
        log.heldChange("wonbet-1").confirm();

        assertThat(Await.result(reply)).isInstanceOfSatisfying(ChangeOutcome.Accepted.class, accepted -> {
            assertThat(accepted.change().balanceAfterCents()).isEqualTo(125);
            assertThat(accepted.change().sequence()).isEqualTo(2);
            assertThat(accepted.change().operation()).isEqualTo(FundsOperation.ADD);
            assertThat(accepted.change().occurredAt()).isEqualTo(LedgerBuilder.NOW);
        });
    }

    @Test
    void reads_see_only_changes_the_log_has_confirmed() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        ledger.addFunds(change("alice", 50, "wonbet-1"));
        ledger.removeFunds(change("alice", 30, "bet-1"));

        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));

        log.heldChange("wonbet-1").confirm();
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 150));
        log.heldChange("bet-1").confirm();
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 120));
    }

    @Test
    void a_debit_cannot_spend_a_credit_that_is_still_in_flight() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> credit =
                ledger.addFunds(change("alice", 50, "wonbet-1")).toCompletableFuture();

        // The credit may yet be lost, so only the 100 already durable can be spent.
        CompletableFuture<ChangeOutcome> debit =
                ledger.removeFunds(change("alice", 150, "bet-1")).toCompletableFuture();

        assertThat(log.receivedEvents()).extracting(event -> ((ReferencedEvent) event).reference().value())
                .containsExactly("wonbet-1", "bet-1");
        log.heldChange("bet-1").confirm();
        assertThat(debit).as("answered once every earlier change is durable").isNotDone();
        log.heldChange("wonbet-1").confirm();
        Await.result(credit);
        assertThat(refusal(Await.result(debit)).code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
        assertThat(refusal(Await.result(debit)).balanceCents()).isEqualTo(100);
        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        assertThat(Await.result(ledger.removeFunds(change("alice", 150, "bet-2"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
    }

    @Test
    void a_debit_cannot_spend_money_already_promised_to_an_earlier_debit_in_flight() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        ledger.removeFunds(change("alice", 70, "bet-1"));
        CompletableFuture<ChangeOutcome> second =
                ledger.removeFunds(change("alice", 40, "bet-2")).toCompletableFuture();

        log.held().forEach(ScriptedEventLog.Append::confirm);

        assertThat(refusal(Await.result(second)).code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
        assertThat(refusal(Await.result(second)).balanceCents()).as("what bet-1 left spendable").isEqualTo(30);
    }

    @Test
    void a_retry_of_a_change_in_flight_joins_it_and_is_answered_as_a_replay_of_the_same_change() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> original =
                ledger.addFunds(change("alice", 40, "wonbet-1")).toCompletableFuture();
        CompletableFuture<ChangeOutcome> retry =
                ledger.addFunds(change("alice", 40, "wonbet-1")).toCompletableFuture();

        assertThat(retry).isNotDone();
        assertThat(log.receivedEvents()).hasSize(1);
        log.heldChange("wonbet-1").confirm();

        ChangeOutcome.Accepted accepted = (ChangeOutcome.Accepted) Await.result(original);
        assertThat(Await.result(retry)).isEqualTo(new ChangeOutcome.Replayed(accepted.change()));
    }

    @Test
    void a_reused_reference_with_another_amount_is_a_conflict_whether_in_flight_or_durable() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        ledger.addFunds(change("alice", 40, "wonbet-1"));

        assertThat(Await.result(ledger.addFunds(change("alice", 41, "wonbet-1"))))
                .isEqualTo(new ChangeOutcome.ReferenceConflict(wallet("alice"), Reference.of("wonbet-1")));
        log.heldChange("wonbet-1").confirm();
        assertThat(Await.result(ledger.removeFunds(change("alice", 40, "wonbet-1"))))
                .isInstanceOf(ChangeOutcome.ReferenceConflict.class);
        assertThat(log.receivedEvents()).hasSize(1);
    }

    private List<CompletableFuture<ChangeOutcome>> removeTenFiveTimes() {
        List<CompletableFuture<ChangeOutcome>> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(ledger.removeFunds(change("alice", 10, "bet-" + i)).toCompletableFuture());
        }
        return replies;
    }

    private static long balanceAfter(ChangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChangeOutcome.Accepted.class);
        return ((ChangeOutcome.Accepted) outcome).change().balanceAfterCents();
    }

    private static RequestRefused refusal(ChangeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChangeOutcome.Refused.class);
        return ((ChangeOutcome.Refused) outcome).refusal();
    }
}

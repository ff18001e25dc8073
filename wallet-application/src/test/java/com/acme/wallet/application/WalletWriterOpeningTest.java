package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WalletWriterOpeningTest {

    private final ScriptedEventLog log = new ScriptedEventLog();
    private final Ledger ledger = aLedger().over(log).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void opening_a_new_wallet_answers_opened_with_its_balance_once_durable() {
        OpenOutcome outcome = Await.result(ledger.open(opening("alice", 100)));

        assertThat(outcome).isEqualTo(new OpenOutcome.Opened(wallet("alice"), 100));
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));
        assertThat(log.storedEvents()).singleElement().isInstanceOfSatisfying(WalletOpened.class, opened -> {
            assertThat(opened.sequence()).isEqualTo(1);
            assertThat(opened.amount().cents()).isEqualTo(100);
            assertThat(opened.occurredAt()).isEqualTo(LedgerBuilder.NOW);
        });
    }

    @Test
    void requests_for_wallets_nobody_opened_are_answered_without_holding_them_in_memory() {
        Await.result(ledger.open(opening("alice", 100)));

        for (int i = 0; i < 100; i++) {
            WalletId stranger = wallet("stranger-" + i);
            assertThat(ledger.find(stranger)).isEmpty();
            assertThat(Await.result(ledger.addFunds(change("stranger-" + i, 10, "tx-" + i))))
                    .isEqualTo(new ChangeOutcome.WalletNotFound(stranger));
            assertThat(ledger.findTransaction(new FindTransactionQuery(stranger, Reference.of("tx-" + i))))
                    .isEqualTo(new TransactionLookup.WalletNotFound(stranger));
        }

        assertThat(ledger.walletsHeld()).isEqualTo(1);
        assertThat(log.receivedEvents()).hasSize(1);
    }

    @Test
    void a_wallet_may_be_opened_with_nothing_in_it() {
        assertThat(Await.result(ledger.open(opening("alice", 0))))
                .isEqualTo(new OpenOutcome.Opened(wallet("alice"), 0));
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 0));
    }

    @Test
    void opening_an_existing_wallet_answers_already_exists_and_writes_nothing() {
        Await.result(ledger.open(opening("alice", 100)));

        OpenOutcome again = Await.result(ledger.open(opening("alice", 999)));

        assertThat(again).isEqualTo(new OpenOutcome.AlreadyExists(wallet("alice")));
        assertThat(log.receivedEvents()).hasSize(1);
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));
    }

    @Test
    void a_second_opening_while_the_first_is_in_flight_answers_already_exists_once_the_first_is_durable() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<OpenOutcome> first = ledger.open(opening("alice", 100)).toCompletableFuture();
        CompletableFuture<OpenOutcome> second = ledger.open(opening("alice", 250)).toCompletableFuture();

        // The second request must neither be written nor answered before the first is durable.
        assertThat(log.receivedEvents()).hasSize(1);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        log.held().get(0).confirm();

        assertThat(Await.result(first)).isEqualTo(new OpenOutcome.Opened(wallet("alice"), 100));
        assertThat(Await.result(second)).isEqualTo(new OpenOutcome.AlreadyExists(wallet("alice")));
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));
    }

    @Test
    void a_wallet_does_not_exist_for_reads_or_changes_while_its_opening_is_in_flight() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<OpenOutcome> opened = ledger.open(opening("alice", 100)).toCompletableFuture();

        assertThat(ledger.find(wallet("alice"))).isEmpty();
        assertThat(Await.result(ledger.addFunds(change("alice", 10, "bonus-1"))))
                .isEqualTo(new ChangeOutcome.WalletNotFound(wallet("alice")));

        log.held().get(0).confirm();

        assertThat(Await.result(opened)).isInstanceOf(OpenOutcome.Opened.class);
        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));
    }

    @Test
    void changing_funds_of_an_unknown_wallet_answers_wallet_not_found_and_writes_nothing() {
        assertThat(Await.result(ledger.addFunds(change("nobody", 10, "wonbet-1"))))
                .isEqualTo(new ChangeOutcome.WalletNotFound(wallet("nobody")));
        assertThat(Await.result(ledger.removeFunds(change("nobody", 10, "bet-1"))))
                .isEqualTo(new ChangeOutcome.WalletNotFound(wallet("nobody")));
        assertThat(ledger.find(wallet("nobody"))).isEmpty();
        assertThat(log.receivedEvents()).isEmpty();
    }

    @Test
    void an_opening_the_log_lost_fails_and_the_wallet_can_be_opened_again_after_recovery() {
        log.planEveryAppend(ScriptedEventLog.FAIL_NOT_STORED);
        assertThat(Await.failure(ledger.open(opening("alice", 100))))
                .isInstanceOf(TemporarilyUnavailableException.class);

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, wallet("alice"));

        assertThat(ledger.find(wallet("alice"))).isEmpty();
        assertThat(Await.result(ledger.open(opening("alice", 100))))
                .isEqualTo(new OpenOutcome.Opened(wallet("alice"), 100));
    }

    @Test
    void an_opening_the_log_stored_despite_failing_is_found_after_recovery() {
        log.planEveryAppend(ScriptedEventLog.FAIL_BUT_STORED);
        assertThat(Await.failure(ledger.open(opening("alice", 100))))
                .isInstanceOf(TemporarilyUnavailableException.class);

        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        Await.untilWritable(ledger, wallet("alice"));

        assertThat(ledger.find(wallet("alice"))).contains(new WalletBalance(wallet("alice"), 100));
        assertThat(Await.result(ledger.open(opening("alice", 100))))
                .isEqualTo(new OpenOutcome.AlreadyExists(wallet("alice")));
    }
}

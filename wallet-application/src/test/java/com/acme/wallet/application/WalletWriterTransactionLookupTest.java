package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that does not know whether its change happened asks for it by reference: it is found
 * once it is durable, and not before.
 */
class WalletWriterTransactionLookupTest {

    private static final WalletId ALICE = wallet("alice");

    private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 100);
    private final Ledger ledger = aLedger().over(log).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void given_a_durable_credit_then_it_is_found_with_its_sequence_and_the_balance_it_left() {
        Await.result(ledger.addFunds(change(ALICE, 10, "wonbet-1")));

        assertThat(lookup(ALICE, "wonbet-1")).isEqualTo(new TransactionLookup.Found(new AppliedChange(
                new UUID(0, 1), ALICE, Reference.of("wonbet-1"), FundsOperation.ADD, Amount.ofCents(10), 2, 110, LedgerBuilder.NOW).entry()));
    }

    @Test
    void given_a_durable_debit_then_it_is_found_as_a_removal() {
        Await.result(ledger.addFunds(change(ALICE, 10, "wonbet-1")));
        Await.result(ledger.removeFunds(change(ALICE, 50, "lostbet-2")));

        assertThat(lookup(ALICE, "lostbet-2")).isEqualTo(new TransactionLookup.Found(new AppliedChange(
                new UUID(0, 2), ALICE, Reference.of("lostbet-2"), FundsOperation.REMOVE, Amount.ofCents(50), 3, 60, LedgerBuilder.NOW).entry()));
    }

    @Test
    void given_no_change_with_the_reference_then_the_transaction_is_not_found() {
        Await.result(ledger.addFunds(change(ALICE, 10, "wonbet-1")));

        assertThat(lookup(ALICE, "wonbet-2"))
                .isEqualTo(new TransactionLookup.TransactionNotFound(ALICE, Reference.of("wonbet-2")));
    }

    @Test
    void given_a_rejected_change_then_it_is_found_rejected_for_good() {
        ChangeOutcome rejected = Await.result(ledger.removeFunds(change(ALICE, 500, "bigbet-1")));

        assertThat(rejected).isInstanceOf(ChangeOutcome.Refused.class);
        assertThat(lookup(ALICE, "bigbet-1")).isEqualTo(new TransactionLookup.Found(((ChangeOutcome.Refused) rejected).entry()));
        assertThat(((ChangeOutcome.Refused) rejected).entry().outcome()).isEqualTo(LedgerEntry.Outcome.REJECTED);
    }

    @Test
    void given_a_change_in_flight_then_its_lookup_is_temporarily_unavailable_until_the_log_confirms_it() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> reply = ledger.addFunds(change(ALICE, 10, "wonbet-1")).toCompletableFuture();

        // Not found would tell the client that retrying is safe, while the change may still land.
        assertThatThrownBy(() -> lookup(ALICE, "wonbet-1")).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(lookup(ALICE, "wonbet-2")).isInstanceOf(TransactionLookup.TransactionNotFound.class);

        log.heldChange("wonbet-1").confirm();
        Await.result(reply);
        assertThat(lookup(ALICE, "wonbet-1")).isInstanceOfSatisfying(TransactionLookup.Found.class,
                found -> assertThat(found.entry().balanceAfterCents()).isEqualTo(110));
    }

    @Test
    void given_an_unconfirmed_change_that_the_log_stored_then_it_is_found_once_the_wallet_is_read_back() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_BUT_STORED);
        Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1")));
        log.planEveryAppend(ScriptedEventLog.CONFIRM);

        Await.untilWritable(ledger, ALICE);

        assertThat(lookup(ALICE, "bet-1")).isInstanceOfSatisfying(TransactionLookup.Found.class, found -> {
            assertThat(found.entry().type()).isEqualTo(TransactionType.REMOVE);
            assertThat(found.entry().balanceAfterCents()).isEqualTo(70);
        });
    }

    @Test
    void given_an_unconfirmed_change_that_the_log_lost_then_it_is_not_found_once_the_wallet_is_read_back() {
        log.planAppendsOf(ALICE, ScriptedEventLog.FAIL_NOT_STORED);
        Await.failure(ledger.removeFunds(change(ALICE, 30, "bet-1")));
        log.planEveryAppend(ScriptedEventLog.CONFIRM);

        Await.untilWritable(ledger, ALICE);

        assertThat(lookup(ALICE, "bet-1")).isInstanceOf(TransactionLookup.TransactionNotFound.class);
    }

    @Test
    void given_an_unknown_wallet_then_the_wallet_is_not_found() {
        assertThat(lookup(wallet("bob"), "wonbet-1")).isEqualTo(new TransactionLookup.WalletNotFound(wallet("bob")));
    }

    @Test
    void given_a_wallet_whose_opening_is_in_flight_then_a_lookup_is_temporarily_unavailable() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        ledger.open(WalletRequests.opening("bob", 100));

        assertThatThrownBy(() -> lookup(wallet("bob"), "wonbet-1")).isInstanceOf(TemporarilyUnavailableException.class);
    }

    @Test
    void given_a_wallet_in_doubt_then_every_lookup_of_it_is_temporarily_unavailable_until_it_is_read_back() {
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> reply = ledger.removeFunds(change(ALICE, 30, "bet-1")).toCompletableFuture();
        ScriptedEventLog.Append held = log.heldChange("bet-1");
        ledger.addFunds(change(ALICE, 5, "wonbet-7"));
        log.planEveryAppend(ScriptedEventLog.CONFIRM);
        held.failNotStored();
        Await.failure(reply);

        assertThatThrownBy(() -> lookup(ALICE, "wonbet-5")).isInstanceOf(TemporarilyUnavailableException.class);
        log.heldChange("wonbet-7").failNotStored();
        Await.untilWritable(ledger, ALICE);

        assertThat(lookup(ALICE, "bet-1")).isInstanceOf(TransactionLookup.TransactionNotFound.class);
        assertThat(lookup(ALICE, "wonbet-7")).isInstanceOf(TransactionLookup.TransactionNotFound.class);
    }

    @Test
    void given_a_ledger_still_loading_then_a_lookup_is_temporarily_unavailable() {
        Ledger loading = aLedger().over(log).build();
        try {
            assertThatThrownBy(() -> loading.findTransaction(new FindTransactionQuery(ALICE, Reference.of("x"))))
                    .isInstanceOf(TemporarilyUnavailableException.class);
        } finally {
            loading.close();
        }
    }

    private TransactionLookup lookup(WalletId walletId, String reference) {
        return ledger.findTransaction(new FindTransactionQuery(walletId, Reference.of(reference)));
    }
}

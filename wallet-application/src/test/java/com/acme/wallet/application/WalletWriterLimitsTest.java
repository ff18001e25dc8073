package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.application.port.in.WalletLimitReachedException;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.WalletId;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The number of changes awaiting the log is bounded, per wallet and in all; so is the number of wallets. */
class WalletWriterLimitsTest {

    private static final WalletId ALICE = wallet("alice");
    private static final WalletId BOB = wallet("bob");
    private static final WalletId CAROL = wallet("carol");

    private final ScriptedEventLog log = new ScriptedEventLog()
            .seedOpening(ALICE, 100).seedOpening(BOB, 100).seedOpening(CAROL, 100);
    private Ledger ledger;

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void a_wallet_with_the_most_changes_in_flight_refuses_more_until_one_is_confirmed() {
        ledger = aLedger().over(log).withMaxInFlightPerWallet(2).started();
        log.planAppendsOf(ALICE, ScriptedEventLog.HOLD);
        ledger.removeFunds(change(ALICE, 10, "bet-1"));
        ledger.removeFunds(change(ALICE, 10, "bet-2"));

        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 10, "bet-3"))))
                .isInstanceOf(TemporarilyUnavailableException.class)
                .hasMessageContaining("this wallet");
        assertThat(Await.result(ledger.removeFunds(change(BOB, 10, "bet-3"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(log.receivedEvents()).hasSize(3);

        log.heldChange("bet-1").confirm();
        CompletableFuture<ChangeOutcome> retry = ledger.removeFunds(change(ALICE, 10, "bet-3")).toCompletableFuture();
        log.heldChange("bet-2").confirm();
        log.heldChange("bet-3").confirm();
        assertThat(Await.result(retry)).isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 70));
    }

    @Test
    void a_ledger_with_the_most_changes_in_flight_in_all_refuses_further_writes_to_any_wallet() {
        ledger = aLedger().over(log).withMaxInFlightTotal(2).started();
        log.planEveryAppend(ScriptedEventLog.HOLD);
        ledger.removeFunds(change(ALICE, 10, "bet-1"));
        ledger.removeFunds(change(BOB, 10, "bet-2"));

        assertThat(Await.failure(ledger.removeFunds(change(CAROL, 10, "bet-3"))))
                .isInstanceOf(TemporarilyUnavailableException.class)
                .hasMessageContaining("too many changes");
        assertThat(Await.failure(ledger.open(opening("dave", 10))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(log.receivedEvents()).hasSize(2);
        assertThat(ledger.inFlightCount()).isEqualTo(2);

        log.heldChange("bet-1").confirm();
        ledger.removeFunds(change(CAROL, 10, "bet-3"));
        assertThat(log.receivedEvents()).hasSize(3);
    }

    @Test
    void a_ledger_holding_its_most_wallets_opens_no_more_while_those_it_holds_take_every_change() {
        ledger = aLedger().over(log).holdingAtMost(3).started();

        assertThat(Await.failure(ledger.open(opening("dave", 10))))
                .isInstanceOf(WalletLimitReachedException.class).hasMessageContaining("(3)");
        assertThat(ledger.find(wallet("dave"))).isEmpty();
        assertThat(log.receivedEvents()).isEmpty();

        assertThat(Await.result(ledger.open(opening("alice", 10)))).isInstanceOf(OpenOutcome.AlreadyExists.class);
        assertThat(Await.result(ledger.removeFunds(change(ALICE, 10, "bet-1"))))
                .isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 90));
    }

    @Test
    void below_its_most_wallets_a_ledger_opens_new_ones_up_to_the_limit() {
        ledger = aLedger().over(log).holdingAtMost(4).started();

        assertThat(Await.result(ledger.open(opening("dave", 10)))).isInstanceOf(OpenOutcome.Opened.class);
        assertThat(Await.failure(ledger.open(opening("erin", 10)))).isInstanceOf(WalletLimitReachedException.class);
        assertThat(ledger.find(wallet("dave"))).contains(new WalletBalance(wallet("dave"), 10));
    }
}

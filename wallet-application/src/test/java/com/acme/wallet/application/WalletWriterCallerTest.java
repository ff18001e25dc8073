package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each event goes to the log with the caller that asked for it: the audit trail of who changed what. */
class WalletWriterCallerTest {

    private static final WalletId ALICE = wallet("alice");
    private static final Caller BACKOFFICE = new Caller("backoffice");
    private static final Caller CASHIER = new Caller("cashier");
    private static final Caller GAME = new Caller("game-provider");

    private final ScriptedEventLog log = new ScriptedEventLog();
    private final Ledger ledger = aLedger().over(log).started();

    @AfterEach
    void stop() {
        ledger.close();
        log.close();
    }

    @Test
    void every_event_is_appended_with_the_caller_of_its_request() {
        Await.result(ledger.open(new OpenWalletCommand(ALICE, Amount.ofCents(100), BACKOFFICE)));
        Await.result(ledger.addFunds(new ChangeFundsCommand(ALICE, Amount.positive(50), Reference.of("deposit-1"),
                CASHIER)));
        Await.result(ledger.placeBet(new BetCommand(ALICE, new BetRequest(Reference.of("bet-1"), RoundId.of("r-1"),
                Amount.ofCents(30), false, Metadata.NONE), GAME)));

        List<WalletEvent> events = log.receivedEvents();
        assertThat(events).hasSize(3);
        assertThat(events).map(event -> log.callers().get(event.eventId()))
                .containsExactly(BACKOFFICE, CASHIER, GAME);
    }

    @Test
    void a_retry_by_another_caller_is_the_same_request_and_leaves_the_first_callers_record() {
        Await.result(ledger.open(new OpenWalletCommand(ALICE, Amount.ofCents(100), BACKOFFICE)));
        Await.result(ledger.addFunds(new ChangeFundsCommand(ALICE, Amount.positive(50), Reference.of("deposit-1"),
                CASHIER)));

        ChangeOutcome retried = Await.result(ledger.addFunds(new ChangeFundsCommand(ALICE, Amount.positive(50),
                Reference.of("deposit-1"), GAME)));

        assertThat(retried).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(log.receivedEvents()).hasSize(2);
        assertThat(log.callers().values()).containsExactlyInAnyOrder(BACKOFFICE, CASHIER);
    }
}

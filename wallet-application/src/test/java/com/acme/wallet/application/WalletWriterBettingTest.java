package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.RollbackCommand;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WinCommand;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Bets, wins and rollbacks through the services and the writer: durable before they are answered,
 * a rollback racing its bet decided after it, and a forgotten bet recalled from the store.
 */
class WalletWriterBettingTest {

    private static final WalletId ALICE = wallet("alice");

    @Nested
    class OverTheLog {

        private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 1_000);
        private final Ledger ledger = aLedger().over(log).started();

        @AfterEach
        void stop() {
            ledger.close();
            log.close();
        }

        @Test
        void a_bet_a_win_and_a_refusal_are_answered_once_durable_and_replayed_on_retry() {
            LedgerEntry bet = recorded(ledger.placeBet(bet("tx-1", "r-1", 300)));
            LedgerEntry win = recorded(ledger.payWin(win("tx-2", "r-1", 1_200)));
            LedgerEntry refused = recorded(ledger.placeBet(bet("tx-3", "r-2", 5_000)));

            assertThat(bet.balanceAfterCents()).isEqualTo(700);
            assertThat(win.balanceAfterCents()).isEqualTo(1_900);
            assertThat(refused.event()).isInstanceOfSatisfying(RequestRefused.class,
                    refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS));
            assertThat(log.storedEventsOf(ALICE)).hasSize(4);
            assertThat(Await.result(ledger.placeBet(bet("tx-3", "r-2", 5_000))))
                    .isEqualTo(new BettingOutcome.Recorded(refused, true));
            assertThat(log.storedEventsOf(ALICE)).as("a replay appends nothing").hasSize(4);
        }

        @Test
        void a_rollback_racing_its_bet_is_decided_once_the_bet_is_durable() {
            log.planEveryAppend(ScriptedEventLog.HOLD);
            CompletableFuture<BettingOutcome> betting = ledger.placeBet(bet("tx-1", "r-1", 300)).toCompletableFuture();
            CompletableFuture<BettingOutcome> rollingBack = ledger.rollBack(rollback("rb-1", "tx-1")).toCompletableFuture();

            assertThat(log.held()).hasSize(1);
            assertThat(rollingBack).isNotDone();

            log.held().get(0).confirm();
            Await.until("the rollback handed to the log", () -> log.held().size() == 1
                    && log.held().get(0).event() instanceof RolledBack);
            log.held().get(0).confirm();

            assertThat(recorded(betting).event()).isInstanceOf(BetPlaced.class);
            assertThat(recorded(rollingBack).event()).isInstanceOfSatisfying(RolledBack.class, rolledBack -> assertThat(
                    rolledBack.effect()).isEqualTo(new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.ofCents(300))));
            assertThat(recorded(rollingBack).balanceAfterCents()).isEqualTo(1_000);
        }

        @Test
        void a_rollback_racing_a_bet_the_log_failed_refunds_nothing() {
            log.planEveryAppend(ScriptedEventLog.HOLD);
            CompletableFuture<BettingOutcome> betting = ledger.placeBet(bet("tx-1", "r-1", 300)).toCompletableFuture();
            CompletableFuture<BettingOutcome> rollingBack = ledger.rollBack(rollback("rb-1", "tx-1")).toCompletableFuture();
            log.planEveryAppend(ScriptedEventLog.CONFIRM);

            log.held().get(0).failNotStored();

            assertThat(Await.failure(betting)).isInstanceOf(TemporarilyUnavailableException.class);
            // Decided while the wallet is in doubt: retry later. Decided once the log showed the bet
            // never landed: a tombstone, which refuses the bet's retry. Never a refund.
            Await.until("the rollback answered", rollingBack::isDone);
            if (rollingBack.isCompletedExceptionally()) {
                assertThat(Await.failure(rollingBack)).isInstanceOf(TemporarilyUnavailableException.class);
            } else {
                assertThat(recorded(rollingBack).event()).isInstanceOfSatisfying(RolledBack.class,
                        rolledBack -> assertThat(rolledBack.isTombstone()).isTrue());
            }
            Await.untilWritable(ledger, ALICE);
            assertThat(ledger.find(ALICE).orElseThrow().balanceCents()).isEqualTo(1_000);
        }
    }

    @Nested
    class OverAStore {

        private static final int WINDOW = 1;

        private final ScriptedEventLog log = new ScriptedEventLog().seedOpening(ALICE, 1_000);
        private final InMemoryStore store = new InMemoryStore().holdOpening(ALICE);
        private final Ledger ledger = aLedger().over(log).storingIn(store, WINDOW).started();

        @AfterEach
        void stop() {
            ledger.close();
            log.close();
        }

        @Test
        void a_rollback_of_a_forgotten_bet_asks_the_store_for_the_bet_and_its_round() {
            store.hold(recorded(ledger.placeBet(bet("tx-1", "r-1", 300))));
            ChangeOutcome deposit = Await.result(ledger.addFunds(change(ALICE, 10, "deposit-1")));
            store.hold(((ChangeOutcome.Accepted) deposit).change());
            Await.until("the bet forgotten", () -> store.forgottenEntries() >= 1);

            LedgerEntry rolledBack = recorded(ledger.rollBack(rollback("rb-1", "tx-1")));

            assertThat(rolledBack.balanceAfterCents()).isEqualTo(1_010);
            assertThat(store.recalls()).isEqualTo(2);
        }
    }

    private static BetCommand bet(String reference, String round, long cents) {
        return new BetCommand(ALICE, new BetRequest(Reference.of(reference), RoundId.of(round), Amount.ofCents(cents), false,
                Metadata.NONE), Caller.ANONYMOUS);
    }

    private static WinCommand win(String reference, String round, long cents) {
        return new WinCommand(ALICE, new WinRequest(Reference.of(reference), RoundId.of(round), Amount.ofCents(cents), false,
                Metadata.NONE), Caller.ANONYMOUS);
    }

    private static RollbackCommand rollback(String reference, String original) {
        return new RollbackCommand(ALICE, new RollbackRequest(Reference.of(reference), Reference.of(original)), Caller.ANONYMOUS);
    }

    private static LedgerEntry recorded(CompletionStage<BettingOutcome> reply) {
        BettingOutcome outcome = Await.result(reply);
        assertThat(outcome).isInstanceOf(BettingOutcome.Recorded.class);
        return ((BettingOutcome.Recorded) outcome).entry();
    }
}

package com.acme.wallet.application;

import com.acme.wallet.application.port.in.BalanceAtAnswer;
import com.acme.wallet.application.port.in.BalanceAtQuery;
import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.HistoryAnswer;
import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.application.port.in.RollbackCommand;
import com.acme.wallet.application.port.in.RoundAnswer;
import com.acme.wallet.application.port.in.RoundQuery;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.application.port.in.WalletUseCases;
import com.acme.wallet.application.port.in.WinCommand;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.service.WalletServices;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.WalletId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the tests drive: the use-case services over one {@link WalletWriter}, wired as the REST
 * API wires them, so that every test goes through the same code as a request.
 */
final class Ledger implements AutoCloseable {

    private final WalletWriter writer;
    private final WalletUseCases useCases;

    Ledger(WalletWriter writer, ReadHistoryPort history) {
        this.writer = writer;
        this.useCases = WalletServices.over(writer, history);
    }

    void start() {
        writer.start();
    }

    CompletionStage<OpenOutcome> open(OpenWalletCommand command) {
        return useCases.openWallet().open(command);
    }

    CompletionStage<ChangeOutcome> addFunds(ChangeFundsCommand command) {
        return useCases.addFunds().addFunds(command);
    }

    CompletionStage<ChangeOutcome> removeFunds(ChangeFundsCommand command) {
        return useCases.removeFunds().removeFunds(command);
    }

    CompletionStage<BettingOutcome> placeBet(BetCommand command) {
        return useCases.placeBet().placeBet(command);
    }

    CompletionStage<BettingOutcome> payWin(WinCommand command) {
        return useCases.payWin().payWin(command);
    }

    CompletionStage<BettingOutcome> rollBack(RollbackCommand command) {
        return useCases.rollBack().rollBack(command);
    }

    Optional<WalletBalance> find(WalletId walletId) {
        return useCases.getWallet().find(walletId);
    }

    TransactionLookup findTransaction(FindTransactionQuery query) {
        return useCases.findTransaction().findTransaction(query);
    }

    HistoryAnswer history(HistoryQuery query) {
        return useCases.getHistory().history(query);
    }

    BalanceAtAnswer balanceAt(BalanceAtQuery query) {
        return useCases.getBalanceAt().balanceAt(query);
    }

    RoundAnswer round(RoundQuery query) {
        return useCases.getRound().round(query);
    }

    boolean readyForWrites() {
        return useCases.readiness().readyForWrites();
    }

    int walletsHeld() {
        return writer.walletsHeld();
    }

    int inFlightCount() {
        return writer.inFlightCount();
    }

    int walletsInDoubtCount() {
        return writer.walletsInDoubtCount();
    }

    @Override
    public void close() {
        writer.close();
    }
}

package com.acme.wallet.application.port.in;

import java.util.Objects;

/**
 * Every use case the service offers, as an inbound adapter (the HTTP API) takes them.
 *
 * @param openWallet opens wallets
 * @param getWallet reads balances
 * @param addFunds credits wallets
 * @param removeFunds debits wallets
 * @param placeBet places bets into rounds
 * @param payWin pays wins into rounds
 * @param rollBack rolls bets and wins back
 * @param findTransaction looks durable changes up by reference
 * @param getHistory reads pages of stored history
 * @param getBalanceAt reads past balances from the stored history
 * @param getRound reads rounds from the stored history
 * @param readiness whether the service takes writes
 */
public record WalletUseCases(
        OpenWalletUseCase openWallet,
        GetWalletUseCase getWallet,
        AddFundsUseCase addFunds,
        RemoveFundsUseCase removeFunds,
        PlaceBetUseCase placeBet,
        PayWinUseCase payWin,
        RollBackUseCase rollBack,
        FindTransactionUseCase findTransaction,
        GetHistoryUseCase getHistory,
        GetBalanceAtUseCase getBalanceAt,
        GetRoundUseCase getRound,
        WriterReadiness readiness) {

    /** Validates that every use case is there. */
    public WalletUseCases {
        Objects.requireNonNull(openWallet, "openWallet");
        Objects.requireNonNull(getWallet, "getWallet");
        Objects.requireNonNull(addFunds, "addFunds");
        Objects.requireNonNull(removeFunds, "removeFunds");
        Objects.requireNonNull(placeBet, "placeBet");
        Objects.requireNonNull(payWin, "payWin");
        Objects.requireNonNull(rollBack, "rollBack");
        Objects.requireNonNull(findTransaction, "findTransaction");
        Objects.requireNonNull(getHistory, "getHistory");
        Objects.requireNonNull(getBalanceAt, "getBalanceAt");
        Objects.requireNonNull(getRound, "getRound");
        Objects.requireNonNull(readiness, "readiness");
    }
}

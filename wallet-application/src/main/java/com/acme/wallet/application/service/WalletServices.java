package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.WalletUseCases;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;

/** Wires the use-case services over one writer and the stored history. */
public final class WalletServices {

    private WalletServices() {}

    /**
     * {@return every use case: changes and current balances served over the writer, the past over the
     *     stored history}
     *
     * @param writer the single writer of all wallets, started or not (it answers 503 until started)
     * @param history what the store holds of every wallet's history
     */
    public static WalletUseCases over(WalletWriter writer, ReadHistoryPort history) {
        StoredReads reads = new StoredReads(writer, history);
        return new WalletUseCases(new OpenWalletService(writer), new GetWalletService(writer),
                new AddFundsService(writer), new RemoveFundsService(writer), new PlaceBetService(writer),
                new PayWinService(writer), new RollBackService(writer), new FindTransactionService(writer),
                new GetHistoryService(reads), new GetBalanceAtService(reads), new GetRoundService(reads), writer);
    }
}

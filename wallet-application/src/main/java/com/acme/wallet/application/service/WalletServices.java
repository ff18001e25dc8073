package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.WalletUseCases;

/** Wires the use-case services over one writer. */
public final class WalletServices {

    private WalletServices() {}

    /**
     * {@return every use case, served over the writer}
     *
     * @param writer the single writer of all wallets, started or not (it answers 503 until started)
     */
    public static WalletUseCases over(WalletWriter writer) {
        return new WalletUseCases(new OpenWalletService(writer), new GetWalletService(writer),
                new AddFundsService(writer), new RemoveFundsService(writer), new PlaceBetService(writer),
                new PayWinService(writer), new RollBackService(writer), new FindTransactionService(writer), writer);
    }
}

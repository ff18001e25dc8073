package com.acme.wallet.application;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;

/** Test-data builders for the requests the ledger takes, in cents and plain strings. */
final class WalletRequests {

    private WalletRequests() {}

    static WalletId wallet(String id) {
        return WalletId.of(id);
    }

    static OpenWalletCommand opening(String walletId, long openingCents) {
        return new OpenWalletCommand(WalletId.of(walletId), Amount.ofCents(openingCents), Caller.ANONYMOUS);
    }

    /** A credit or a debit, depending on the use case it is sent to. */
    static ChangeFundsCommand change(String walletId, long cents, String reference) {
        return new ChangeFundsCommand(WalletId.of(walletId), Amount.positive(cents), Reference.of(reference), Caller.ANONYMOUS);
    }

    static ChangeFundsCommand change(WalletId walletId, long cents, String reference) {
        return new ChangeFundsCommand(walletId, Amount.positive(cents), Reference.of(reference), Caller.ANONYMOUS);
    }
}

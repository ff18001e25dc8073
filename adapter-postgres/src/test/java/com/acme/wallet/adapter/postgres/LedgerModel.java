package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The balances the tests expect, kept by plain arithmetic beside the events they write. */
final class LedgerModel {

    private final Map<WalletId, Long> balances = new LinkedHashMap<>();

    /** Applies an event to the expected balances and hands it back, for building batches inline. */
    LoggedEvent record(LoggedEvent logged) {
        WalletEvent event = logged.event();
        long delta = event instanceof FundsChanged change && change.operation() == FundsOperation.REMOVE
                ? -event.amount().cents()
                : event.amount().cents();
        balances.merge(event.walletId(), delta, Long::sum);
        return logged;
    }

    Map<WalletId, Long> balances() {
        return Collections.unmodifiableMap(balances);
    }
}

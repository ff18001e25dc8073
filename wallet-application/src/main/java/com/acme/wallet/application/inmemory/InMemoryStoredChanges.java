package com.acme.wallet.application.inmemory;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.WalletId;
import java.util.Collection;
import java.util.Map;

/**
 * A store that holds no change: for a writer over {@link InMemoryEventLog}, whose changes live in
 * its memory only. It reports nothing stored, so the writer forgets nothing and never asks.
 */
public final class InMemoryStoredChanges implements StoredChangesPort {

    @Override
    public Recalled recall(WalletId wallet, Recall recall) {
        throw new IllegalStateException("nothing is stored, so nothing of " + wallet + " was forgotten");
    }

    @Override
    public Map<WalletId, Long> storedSequences(Collection<WalletId> wallets) {
        return Map.of();
    }

    @Override
    public void forgetting(WalletId wallet, Collection<LedgerEntry> entries) {
        throw new IllegalStateException("nothing is stored, so nothing of " + wallet + " may be forgotten");
    }
}

package com.acme.wallet.application;

import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.WalletId;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The store of persisted changes, given to the writer before the database is open, as
 * {@link DeferredEventLog} is for the log. Until then it holds nothing, which is true for a writer
 * that has not loaded anything yet: it forgets nothing and so never asks.
 */
public final class DeferredStoredChanges implements StoredChangesPort {

    private volatile StoredChangesPort store = new InMemoryStoredChanges();

    /** Hands every later call to the store; call once, before the writer starts. */
    public void open(StoredChangesPort opened) {
        store = Objects.requireNonNull(opened, "opened");
    }

    @Override
    public Recalled recall(WalletId wallet, Recall recall) {
        return store.recall(wallet, recall);
    }

    @Override
    public Map<WalletId, Long> storedSequences(Collection<WalletId> wallets) {
        return store.storedSequences(wallets);
    }

    @Override
    public void forgetting(WalletId wallet, Collection<LedgerEntry> entries) {
        store.forgetting(wallet, entries);
    }
}

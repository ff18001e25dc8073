package com.acme.wallet.application;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.StoredReference;
import com.acme.wallet.domain.WalletId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The store of persisted changes, in memory, as a test drives it: it holds what the test says the
 * batch consumer persisted, can be made unreachable, counts lookups, and can run something while
 * a lookup is under way, after the store's answer was fixed (a query's snapshot).
 */
final class InMemoryStore implements StoredChangesPort {

    private final Map<WalletId, Map<Reference, AppliedChange>> changes = new HashMap<>();
    private final Map<WalletId, Long> storedSequences = new HashMap<>();
    private final List<LedgerEntry> forgotten = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicReference<Runnable> duringNextFind = new AtomicReference<>();

    /** Holds the wallet's opening, as the consumer stores it first. */
    synchronized InMemoryStore holdOpening(WalletId wallet) {
        storedSequences.merge(wallet, 1L, Math::max);
        return this;
    }

    /** Holds a change and every earlier change of its wallet, as the consumer stores them in order. */
    synchronized InMemoryStore hold(AppliedChange change) {
        changes.computeIfAbsent(change.walletId(), unused -> new HashMap<>()).put(change.reference(), change);
        storedSequences.merge(change.walletId(), change.sequence(), Math::max);
        return this;
    }

    /** Forgets every change of the wallet after a sequence, as a restore of an older copy does. */
    synchronized void restoreTo(WalletId wallet, long sequence) {
        changes.getOrDefault(wallet, new HashMap<>()).values().removeIf(change -> change.sequence() > sequence);
        storedSequences.put(wallet, sequence);
    }

    void reachable(boolean isReachable) {
        reachable.set(isReachable);
    }

    /** Runs the action inside the next lookup, after its answer is fixed and before it is returned. */
    void duringNextFind(Runnable action) {
        duringNextFind.set(action);
    }

    int finds() {
        return finds.get();
    }

    /** {@return the funds changes forgotten, as the writer told them} */
    List<AppliedChange> forgotten() {
        return forgotten.stream()
                .map(entry -> AppliedChange.of((FundsChanged) entry.event(), entry.balanceAfterCents()))
                .toList();
    }

    @Override
    public StoredReference find(WalletId wallet, Reference reference, long forgottenThrough) {
        finds.incrementAndGet();
        checkReachable();
        StoredReference answer;
        synchronized (this) {
            AppliedChange change = changes.getOrDefault(wallet, Map.of()).get(reference);
            long coversThrough = storedSequences.getOrDefault(wallet, 0L);
            answer = change == null ? StoredReference.absent(coversThrough) : StoredReference.found(change, coversThrough);
        }
        Runnable action = duringNextFind.getAndSet(null);
        if (action != null) {
            action.run();
        }
        return answer;
    }

    @Override
    public synchronized Map<WalletId, Long> storedSequences(Collection<WalletId> wallets) {
        checkReachable();
        Map<WalletId, Long> asked = new HashMap<>();
        wallets.forEach(wallet -> {
            Long sequence = storedSequences.get(wallet);
            if (sequence != null) {
                asked.put(wallet, sequence);
            }
        });
        return asked;
    }

    @Override
    public void forgetting(WalletId wallet, Collection<LedgerEntry> entries) {
        forgotten.addAll(entries);
    }

    private void checkReachable() {
        if (!reachable.get()) {
            throw new UncheckedIOException(new IOException("store unreachable (scripted)"));
        }
    }
}

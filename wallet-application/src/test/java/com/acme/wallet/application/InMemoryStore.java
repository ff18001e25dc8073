package com.acme.wallet.application;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundSummary;
import com.acme.wallet.domain.WalletId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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

    private final Map<WalletId, List<LedgerEntry>> entries = new HashMap<>();
    private final Map<WalletId, Long> storedSequences = new HashMap<>();
    private final List<LedgerEntry> forgotten = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger recalls = new AtomicInteger();
    private final AtomicReference<Runnable> duringNextRecall = new AtomicReference<>();

    /** Holds the wallet's opening, as the consumer stores it first. */
    synchronized InMemoryStore holdOpening(WalletId wallet) {
        storedSequences.merge(wallet, 1L, Math::max);
        return this;
    }

    /** Holds a change and every earlier change of its wallet, as the consumer stores them in order. */
    synchronized InMemoryStore hold(AppliedChange change) {
        return hold(new LedgerEntry(new FundsChanged(change.eventId(), change.walletId(), change.sequence(),
                change.operation(), change.amount(), change.reference(), change.occurredAt()), change.balanceAfterCents()));
    }

    /** Holds an entry and every earlier change of its wallet, as the consumer stores them in order. */
    synchronized InMemoryStore hold(LedgerEntry entry) {
        WalletId wallet = entry.event().walletId();
        entries.computeIfAbsent(wallet, unused -> new ArrayList<>()).add(entry);
        storedSequences.merge(wallet, entry.sequence(), Math::max);
        return this;
    }

    /** Forgets every change of the wallet after a sequence, as a restore of an older copy does. */
    synchronized void restoreTo(WalletId wallet, long sequence) {
        entries.getOrDefault(wallet, new ArrayList<>()).removeIf(entry -> entry.sequence() > sequence);
        storedSequences.put(wallet, sequence);
    }

    void reachable(boolean isReachable) {
        reachable.set(isReachable);
    }

    /** Runs the action inside the next recall, after its answer is fixed and before it is returned. */
    void duringNextRecall(Runnable action) {
        duringNextRecall.set(action);
    }

    int recalls() {
        return recalls.get();
    }

    /** {@return how many entries the writer told it forgot, of any kind} */
    int forgottenEntries() {
        return forgotten.size();
    }

    /** {@return the funds changes forgotten, as the writer told them} */
    List<AppliedChange> forgotten() {
        return forgotten.stream()
                .map(entry -> AppliedChange.of((FundsChanged) entry.event(), entry.balanceAfterCents()))
                .toList();
    }

    @Override
    public Recalled recall(WalletId wallet, Recall recall) {
        recalls.incrementAndGet();
        checkReachable();
        Recalled answer;
        synchronized (this) {
            List<LedgerEntry> stored = entries.getOrDefault(wallet, List.of());
            List<LedgerEntry> asked = stored.stream()
                    .filter(entry -> recall.references().contains(entry.reference())
                            || entry.event() instanceof RolledBack rollback
                                    && recall.references().contains(rollback.originalReference()))
                    .toList();
            answer = new Recalled(recall, storedSequences.getOrDefault(wallet, 0L), asked,
                    recall.round().map(round -> RoundSummary.of(round, recall.roundThrough(), stored)));
        }
        Runnable action = duringNextRecall.getAndSet(null);
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

package com.acme.wallet.application;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounded memory: a wallet keeps its changes not yet stored by the database the log is persisted
 * into, and a window of its latest stored ones. Every {@code forgetInterval} this asks the store how
 * far it holds the wallets over their window, and lets each forget what the store holds beyond it.
 *
 * <p>A wallet the store is behind on stays queued. A store that later holds less (restored from an
 * older copy) cannot make a wallet forget wrongly: lookups check how far the store's answer covers.
 */
final class Forgetting {

    private static final System.Logger LOG = System.getLogger(WalletWriter.class.getName());

    /** The most wallets asked about in one round; the rest wait for the next. */
    private static final int MAX_WALLETS_PER_ROUND = 10_000;

    private final StoredChangesPort stored;
    private final WriterState state;
    private final int window;
    private final ScheduledExecutorService forgetting;
    private final ConcurrentLinkedQueue<WalletSlot> overWindow = new ConcurrentLinkedQueue<>();
    private volatile boolean storeUnreachableLogged;

    Forgetting(StoredChangesPort stored, WriterState state, int window) {
        this.stored = stored;
        this.state = state;
        this.window = window;
        this.forgetting = WriterState.daemonThread("wallet-forgetting");
    }

    void start(long intervalMillis) {
        forgetting.scheduleWithFixedDelay(this::round, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Queues a wallet for the next round if it remembers more than its window; under its lock. */
    void queueIfOverWindow(WalletSlot slot) {
        if (!slot.queuedToForget && slot.wallet.rememberedCount() > window) {
            slot.queuedToForget = true;
            overWindow.add(slot);
        }
    }

    /** Forgets the queue, as after a start that failed and kept nothing. */
    void clear() {
        overWindow.clear();
    }

    void close() {
        forgetting.shutdownNow();
    }

    private void round() {
        List<WalletSlot> round = new ArrayList<>();
        for (WalletSlot next; round.size() < MAX_WALLETS_PER_ROUND && (next = overWindow.poll()) != null; ) {
            round.add(next);
        }
        if (round.isEmpty()) {
            return;
        }
        try {
            forget(round);
        } catch (IllegalStateException brokenInvariant) {
            // Not rethrown: a scheduled task that throws is never run again, and halting says enough.
            state.halt(brokenInvariant);
        }
    }

    private void forget(List<WalletSlot> round) {
        Map<WalletId, Long> storedSequences;
        try {
            storedSequences = stored.storedSequences(round.stream().map(slot -> slot.walletId).toList());
            storeUnreachableLogged = false;
        } catch (RuntimeException unreachable) {
            if (!storeUnreachableLogged) {
                storeUnreachableLogged = true;
                LOG.log(Level.WARNING, "cannot ask the store how far it holds " + round.size()
                        + " wallets; they keep their changes in memory until it answers", unreachable);
            }
            overWindow.addAll(round);
            return;
        }
        for (WalletSlot slot : round) {
            synchronized (slot) {
                slot.queuedToForget = false;
                Wallet wallet = slot.wallet;
                long forgetThrough = Math.min(storedSequences.getOrDefault(slot.walletId, 0L),
                        wallet.lastSequence() - window);
                if (forgetThrough > wallet.forgottenThrough()) {
                    List<LedgerEntry> forgotten = wallet.forgetThrough(forgetThrough);
                    stored.forgetting(slot.walletId, forgotten);
                }
                queueIfOverWindow(slot);
            }
        }
    }
}

package com.acme.wallet.application;

import com.acme.wallet.application.WalletSlot.Frontier;
import com.acme.wallet.application.WalletSlot.InFlight;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.RecordWriterMetricsPort;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Doubt and recovery: puts a wallet in doubt when an append of it fails, and reads wallets in doubt
 * back from the log once every append of theirs has settled.
 *
 * <p>Wallets in doubt are read back together, in rounds, on one thread: append a barrier through
 * the log, wait for its confirmation, then read the log once, from the oldest position any of them
 * needs up to the barrier, and apply what it holds to each wallet's own confirmed state. Every
 * append made before the barrier is then either in that read or never in the log, so no late
 * landing can follow the read-back and no sequence number is decided twice. The read needs the log
 * only, not the database that persists it.
 */
final class ReadBack {

    private static final System.Logger LOG = System.getLogger(WalletWriter.class.getName());

    /**
     * The longest wait for a barrier's confirmation. The log bounds every append itself (the Pulsar
     * adapter within twice its send timeout); this only keeps a broken log from holding recovery.
     */
    private static final long BARRIER_WAIT_MILLIS = 30_000;

    private final AppendWalletEventsPort log;
    private final ReadEventLogPort reader;
    private final WriterState state;
    private final Forgetting forgetting;
    private final WriterSettings settings;
    private final RecordWriterMetricsPort metrics;
    private final ScheduledExecutorService recoveries;
    private final ConcurrentLinkedQueue<WalletSlot> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean roundScheduled = new AtomicBoolean();
    private final AtomicInteger walletsInDoubt = new AtomicInteger();
    private long retryPauseMillis;

    ReadBack(AppendWalletEventsPort log, ReadEventLogPort reader, WriterState state, Forgetting forgetting,
            WriterSettings settings, RecordWriterMetricsPort metrics) {
        this.log = log;
        this.metrics = metrics;
        this.reader = reader;
        this.state = state;
        this.forgetting = forgetting;
        this.settings = settings;
        this.recoveries = WriterState.daemonThread("wallet-recovery");
    }

    /** {@return how many wallets are in doubt now} */
    int walletsInDoubt() {
        return walletsInDoubt.get();
    }

    /**
     * Puts a wallet in doubt after an append of it failed: that change and every later one in flight
     * answer "not confirmed". Under the wallet's lock; the replies run after it is released.
     */
    void markInDoubt(WalletSlot slot, InFlight failed, Throwable failure, List<Runnable> replies) {
        state.noticeIfFenced(failure);
        if (!slot.inDoubt) {
            // One line per wallet, the cause's stack trace once per burst: a broker outage puts
            // thousands of wallets in doubt at once, all for the same reason.
            String line = "append of " + failed.event.walletId() + " #" + failed.event.sequence()
                    + " not confirmed; the wallet takes no writes until it is read back from the log";
            if (walletsInDoubt.getAndIncrement() == 0) {
                LOG.log(Level.WARNING, line, failure);
            } else {
                LOG.log(Level.INFO, line + ": " + failure);
            }
        }
        slot.inDoubt = true;
        slot.readBackFrom = Frontier.older(slot.readBackFrom, failed.readFrom);
        TemporarilyUnavailableException unconfirmed = new TemporarilyUnavailableException(
                "the change could not be confirmed; retry with the same reference", failure);
        boolean fromFailed = false;
        for (InFlight entry : slot.inFlight) {
            fromFailed |= entry == failed;
            if (fromFailed) {
                entry.failed = true;
                replies.add(() -> entry.balanceAfter.completeExceptionally(unconfirmed));
            }
        }
    }

    /** Queues a wallet in doubt for reading back once every append of it has settled; under its lock. */
    void whenSettled(WalletSlot slot) {
        if (slot.inDoubt && slot.unsettledAppends == 0 && !slot.awaitingReadBack) {
            slot.awaitingReadBack = true;
            ready.add(slot);
            schedule(0);
        }
    }

    /** Waits until the log confirms a barrier: every append made before it is settled in the log. */
    LogPosition awaitBarrier() {
        try {
            return log.appendBarrier().toCompletableFuture().get(BARRIER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TemporarilyUnavailableException("interrupted while awaiting a barrier", interrupted);
        } catch (ExecutionException | TimeoutException | RuntimeException failure) {
            throw new TemporarilyUnavailableException("the log did not confirm a barrier", failure);
        }
    }

    void close() {
        recoveries.shutdownNow();
    }

    private void schedule(long delayMillis) {
        if (!roundScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            recoveries.schedule(this::round, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.log(Level.INFO, "not reading {0} wallets back: the writer is stopping", ready.size());
        }
    }

    /**
     * One round of read-back, on the recovery thread: every wallet ready for it, behind one barrier
     * and one read of the log. Wallets that become ready meanwhile wait for the next round.
     */
    private void round() {
        LinkedHashSet<WalletSlot> round = new LinkedHashSet<>();
        for (WalletSlot next = ready.poll(); next != null; next = ready.poll()) {
            round.add(next);
        }
        long startedNanos = System.nanoTime();
        boolean succeeded = round.isEmpty() || readBack(round);
        long tookNanos = System.nanoTime() - startedNanos;
        if (!succeeded) {
            ready.addAll(round);
            retryPauseMillis = nextRetryPauseMillis();
        } else {
            retryPauseMillis = 0;
        }
        roundScheduled.set(false);
        if (!ready.isEmpty() && !state.isStoppedForGood()) {
            schedule(retryPauseMillis);
        }
        // Reported last: a failing metrics recorder must never drop a round's wallets from the retry.
        if (!round.isEmpty()) {
            metrics.readBackEnded(round.size(), tookNanos, succeeded);
        }
    }

    /** {@return the pause before the next read-back after a failed one: doubling, within the settings} */
    private long nextRetryPauseMillis() {
        return Math.min(settings.recoveryRetryMax().toMillis(),
                Math.max(settings.recoveryRetryMin().toMillis(), retryPauseMillis * 2));
    }

    /** {@return whether the round's wallets were read back; false to retry after a pause} */
    private boolean readBack(Collection<WalletSlot> round) {
        Map<WalletId, List<WalletEvent>> eventsByWallet = new HashMap<>();
        round.forEach(slot -> eventsByWallet.put(slot.walletId, new ArrayList<>()));
        LogPosition barrier;
        try {
            barrier = awaitBarrier();
            Frontier from = round.stream().map(slot -> slot.readBackFrom)
                    .min(Comparator.comparingLong(Frontier::generation)).orElseThrow();
            reader.readUpTo(LogPositions.of(List.of(from.position())), barrier, logged -> {
                List<WalletEvent> events = eventsByWallet.get(logged.event().walletId());
                if (events != null) {
                    events.add(logged.event());
                }
            });
        } catch (IllegalStateException brokenInvariant) {
            throw state.halt(brokenInvariant);
        } catch (RuntimeException unavailable) {
            state.noticeIfFenced(unavailable);
            LOG.log(Level.WARNING, "reading " + round.size() + " wallets in doubt back failed; retrying in "
                    + nextRetryPauseMillis() + " ms", unavailable);
            return false;
        }
        for (WalletSlot slot : round) {
            resume(slot, eventsByWallet.get(slot.walletId));
        }
        LOG.log(Level.INFO, "{0} wallets read back from the log up to barrier {1}; taking writes again",
                round.size(), barrier);
        return true;
    }

    /** Rebuilds a wallet in doubt from its own confirmed state and what the log holds of it. */
    private void resume(WalletSlot slot, List<WalletEvent> logged) {
        synchronized (slot) {
            if (!slot.inDoubt || slot.unsettledAppends != 0) {
                throw state.halt(new IllegalStateException("read-back of " + slot.walletId + " found an inconsistent state"));
            }
            for (InFlight entry : slot.inFlight) {
                // A failure decided under the lock may not be delivered yet: the thread that decided
                // it completes the reply right after releasing the lock, possibly after this runs.
                if (!entry.failed && !entry.balanceAfter.isDone()) {
                    throw state.halt(new IllegalStateException(
                            "read-back of " + slot.walletId + " would drop a waiting reply"));
                }
            }
            try {
                slot.wallet.discardInFlight();
                // Events the wallet confirmed already come again and are skipped as repeats.
                logged.forEach(slot.wallet::applyDurable);
            } catch (IllegalStateException brokenInvariant) {
                throw state.halt(brokenInvariant);
            }
            slot.inFlight.clear();
            slot.inDoubt = false;
            slot.awaitingReadBack = false;
            slot.readBackFrom = null;
            walletsInDoubt.decrementAndGet();
            forgetting.queueIfOverWindow(slot);
        }
    }
}

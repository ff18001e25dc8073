package com.acme.wallet.application.persistence;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistEventBatchPort;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written store whose attempts follow a script: fail as unavailable, refuse a batch that
 * breaks a money rule, or persist. Persisting ignores events already stored, recognised by wallet
 * and sequence as the real store recognises them, and counts them as repeats.
 *
 * <p>Every attempt is recorded with the time it started, so tests can check the pauses between
 * retries. A test may also hold the next persist until it releases it, to stop the persister while
 * a batch is being written.
 */
final class ScriptedBatchStore implements PersistEventBatchPort {

    /** What one attempt does. */
    enum Attempt { PERSIST, FAIL, BREAK_INVARIANT }

    /** The longest a held persist waits for the test to release it. */
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(5);

    private final Timeline timeline;
    private final Deque<Attempt> script = new ArrayDeque<>();
    private final Set<String> storedKeys = new HashSet<>();
    private final List<WalletEvent> storedEvents = new ArrayList<>();
    private final List<Long> attemptStartNanos = new ArrayList<>();
    private boolean down;
    private CountDownLatch nextHold;
    private boolean holding;

    ScriptedBatchStore(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Queues what the next attempts do; once the script runs out, attempts persist (unless down). */
    synchronized ScriptedBatchStore answering(Attempt... attempts) {
        script.addAll(List.of(attempts));
        return this;
    }

    /** Fails every attempt not scripted otherwise until {@link #comesBack()}. */
    synchronized ScriptedBatchStore goesDown() {
        down = true;
        return this;
    }

    synchronized ScriptedBatchStore comesBack() {
        down = false;
        return this;
    }

    /** The next attempt waits, once started, until the returned latch is counted down. */
    synchronized CountDownLatch holdingNextPersist() {
        nextHold = new CountDownLatch(1);
        return nextHold;
    }

    @Override
    public PersistedBatch persist(List<LoggedEvent> batch) {
        CountDownLatch hold;
        synchronized (this) {
            attemptStartNanos.add(System.nanoTime());
            hold = nextHold;
            nextHold = null;
            holding = hold != null;
        }
        if (hold != null) {
            awaitRelease(hold);
        }
        synchronized (this) {
            holding = false;
            Attempt attempt = script.isEmpty() ? (down ? Attempt.FAIL : Attempt.PERSIST) : script.removeFirst();
            if (attempt == Attempt.FAIL) {
                timeline.record("persist failed");
                throw new StacklessFailure("the database is unreachable");
            }
            if (attempt == Attempt.BREAK_INVARIANT) {
                timeline.record("persist refused");
                throw new IllegalStateException("wallet invariant broken: the batch takes a wallet below zero");
            }
            return store(batch);
        }
    }

    private PersistedBatch store(List<LoggedEvent> batch) {
        int persisted = 0;
        int duplicates = 0;
        for (LoggedEvent logged : batch) {
            WalletEvent event = logged.event();
            if (storedKeys.add(event.walletId() + "#" + event.sequence())) {
                storedEvents.add(event);
                persisted++;
            } else {
                duplicates++;
            }
        }
        timeline.record("persisted " + persisted + " new, " + duplicates + " repeats");
        return new PersistedBatch(persisted, duplicates);
    }

    private static void awaitRelease(CountDownLatch hold) {
        try {
            if (!hold.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("a held persist was not released within " + HOLD_LIMIT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StacklessFailure("interrupted while held");
        }
    }

    synchronized int attempts() {
        return attemptStartNanos.size();
    }

    /** {@return whether an attempt is waiting to be released} */
    synchronized boolean isHolding() {
        return holding;
    }

    /** {@return when each attempt started, in {@link System#nanoTime} terms} */
    synchronized List<Long> attemptStartNanos() {
        return List.copyOf(attemptStartNanos);
    }

    /** {@return every event stored, each once, in the order stored} */
    synchronized List<WalletEvent> storedEvents() {
        return List.copyOf(storedEvents);
    }
}

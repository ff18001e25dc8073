package com.acme.wallet.application.persistence;

import com.acme.wallet.application.Unmeasured;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.PersistEventBatchPort;
import com.acme.wallet.application.port.out.PersistedBatch;
import com.acme.wallet.application.port.out.RecordPersisterMetricsPort;
import com.acme.wallet.application.port.out.ReceiveEventBatchesPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Persists the durable log into the store, batch by batch, exactly once.
 *
 * <p>For each batch: persist it in one transaction (repeats ignored), then acknowledge it, never
 * the other way round, so a crash at any point loses nothing: an unacknowledged batch is delivered
 * again and its persisted events are recognised as repeats.
 *
 * <ul>
 *   <li>A store or log that is unavailable is retried with pauses doubling up to a limit, for as
 *       long as the persister runs; nothing is acknowledged meanwhile.
 *   <li>An unreadable message or a batch that breaks a money rule ends the run: progress stops
 *       there and the reason is logged as an error. Such a log needs a person, not a retry.
 * </ul>
 */
public final class EventBatchPersister {

    private static final System.Logger LOG = System.getLogger(EventBatchPersister.class.getName());

    /** Why {@link #run()} returned. */
    public enum Ending {
        /** {@link #stop()} was called; the batch in hand was finished or given up unacknowledged. */
        STOPPED,
        /** The log holds a message that is not a readable event; nothing after it was persisted. */
        UNREADABLE_EVENT,
        /** A batch broke a money rule; it was not persisted. */
        BROKEN_INVARIANT
    }

    private final ReceiveEventBatchesPort source;
    private final PersistEventBatchPort store;
    private final BatchPersisterSettings settings;
    private final RecordPersisterMetricsPort metrics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicLong persistedEvents = new AtomicLong();
    private final AtomicLong duplicateEvents = new AtomicLong();
    /** Whether the last receive and the last store attempt succeeded: false while retrying either. */
    private volatile boolean flowing = true;
    private volatile boolean running;

    /**
     * Creates the persister.
     *
     * @param source the log, in batches
     * @param store where batches are persisted
     * @param settings pauses and limits
     */
    public EventBatchPersister(ReceiveEventBatchesPort source, PersistEventBatchPort store,
            BatchPersisterSettings settings) {
        this(source, store, settings, Unmeasured.PERSISTER);
    }

    /**
     * Creates a persister that reports what it does.
     *
     * @param source the log, in batches
     * @param store where batches are persisted
     * @param settings pauses and limits
     * @param metrics where each batch, retry and drained receive is reported
     */
    public EventBatchPersister(ReceiveEventBatchesPort source, PersistEventBatchPort store,
            BatchPersisterSettings settings, RecordPersisterMetricsPort metrics) {
        this.source = Objects.requireNonNull(source, "source");
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Persists batches until stopped or until the log cannot be persisted safely.
     *
     * @return why it returned
     */
    public Ending run() {
        running = true;
        try {
            return persistUntilStopped();
        } finally {
            running = false;
        }
    }

    private Ending persistUntilStopped() {
        int failedReceives = 0;
        while (!isStopping()) {
            List<LoggedEvent> batch;
            try {
                batch = source.receiveBatch();
                failedReceives = 0;
                flowing = true;
            } catch (UnreadableEventException unreadable) {
                LOG.log(Level.ERROR, "the log holds an unreadable message at " + unreadable.position()
                        + "; persisting stops here until a person resolves it", unreadable);
                return Ending.UNREADABLE_EVENT;
            } catch (RuntimeException failure) {
                failedReceives++;
                flowing = false;
                report(metrics::receiveRetried);
                long pauseMillis = pauseMillis(failedReceives);
                LOG.log(Level.WARNING, "receiving from the log failed; retrying in " + pauseMillis + " ms", failure);
                awaitStop(pauseMillis);
                continue;
            }
            if (batch.isEmpty()) {
                report(metrics::drained);
                continue;
            }
            Optional<Ending> ending = persistThenAcknowledge(batch);
            if (ending.isPresent()) {
                return ending.get();
            }
        }
        return Ending.STOPPED;
    }

    /** Asks {@link #run()} to finish the batch in hand and return. Safe from any thread. */
    public void stop() {
        stopRequested.countDown();
    }

    /** {@return how many events this persister stored for the first time} */
    public long persistedEvents() {
        return persistedEvents.get();
    }

    /**
     * {@return whether it persists now: {@link #run()} is running, and its last receive and its last
     *     attempt to store a batch did not fail (false while it retries either)}
     */
    public boolean isPersisting() {
        return running && flowing;
    }

    /** {@return how many redelivered events it recognised as already stored} */
    public long duplicateEvents() {
        return duplicateEvents.get();
    }

    private Optional<Ending> persistThenAcknowledge(List<LoggedEvent> batch) {
        Optional<PersistedBatch> persisted;
        try {
            persisted = persistRetrying(batch);
        } catch (IllegalStateException brokenInvariant) {
            LOG.log(Level.ERROR, "a batch of " + batch.size() + " events from " + batch.get(0).position()
                    + " breaks a money rule and was not persisted; persisting stops here", brokenInvariant);
            return Optional.of(Ending.BROKEN_INVARIANT);
        }
        if (persisted.isEmpty()) {
            return Optional.of(Ending.STOPPED);
        }
        if (persisted.get().persisted() + persisted.get().duplicates() != batch.size()) {
            LOG.log(Level.ERROR, "the store accounted for " + persisted.get() + " of a batch of " + batch.size()
                    + " events; persisting stops here");
            return Optional.of(Ending.BROKEN_INVARIANT);
        }
        persistedEvents.addAndGet(persisted.get().persisted());
        duplicateEvents.addAndGet(persisted.get().duplicates());
        if (persisted.get().duplicates() > 0) {
            LOG.log(Level.INFO, "ignored {0} redelivered events already persisted", persisted.get().duplicates());
        }
        try {
            source.acknowledgeUpTo(lastPositions(batch));
        } catch (RuntimeException failure) {
            // Safe to carry on: the batch is persisted, so if it comes again it is ignored as repeats.
            LOG.log(Level.WARNING, "acknowledging a persisted batch failed; it may be delivered again", failure);
        }
        return Optional.empty();
    }

    /** Persists, retrying while the store is unavailable; empty if stopping gave the batch up. */
    private Optional<PersistedBatch> persistRetrying(List<LoggedEvent> batch) {
        long giveUpAtNanos = Long.MAX_VALUE;
        for (int attempt = 1; ; attempt++) {
            long startedNanos = System.nanoTime();
            PersistedBatch persisted;
            try {
                persisted = Objects.requireNonNull(store.persist(batch), "the store returned no result");
            } catch (IllegalStateException | NullPointerException brokenContract) {
                throw new IllegalStateException(brokenContract.getMessage(), brokenContract);
            } catch (RuntimeException unavailable) {
                flowing = false;
                report(metrics::storeRetried);
                long pauseMillis = pauseMillis(attempt);
                LOG.log(Level.WARNING, "persisting a batch of " + batch.size() + " events failed (attempt " + attempt
                        + "); nothing acknowledged; retrying in " + pauseMillis + " ms", unavailable);
                if (isStopping()) {
                    giveUpAtNanos = Math.min(giveUpAtNanos, System.nanoTime() + settings.stopTimeout().toNanos());
                    long leftNanos = giveUpAtNanos - System.nanoTime();
                    if (leftNanos <= 0 || Thread.currentThread().isInterrupted()) {
                        LOG.log(Level.WARNING, "stopping: giving up a batch of {0} events unacknowledged; "
                                + "it will be delivered again", batch.size());
                        return Optional.empty();
                    }
                    sleep(Math.min(pauseMillis, TimeUnit.NANOSECONDS.toMillis(leftNanos) + 1));
                } else {
                    awaitStop(pauseMillis);
                }
                continue;
            }
            flowing = true;
            long commitNanos = System.nanoTime() - startedNanos;
            report(() -> metrics.batchCommitted(batch.size(), persisted.persisted(), persisted.duplicates(),
                    commitNanos, batch.get(batch.size() - 1).event().occurredAt()));
            return Optional.of(persisted);
        }
    }

    /**
     * Reports a measurement. A recorder breaking its promise not to throw is logged, never taken for
     * a store outage to retry or a broken contract that stops persisting.
     */
    private static void report(Runnable measurement) {
        try {
            measurement.run();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "reporting a measurement failed; persisting goes on", failure);
        }
    }

    private long pauseMillis(int attempt) {
        long min = settings.retryMin().toMillis();
        long doubled = min << Math.min(attempt - 1, 20);
        return Math.min(settings.retryMax().toMillis(), doubled);
    }

    private static LogPositions lastPositions(List<LoggedEvent> batch) {
        Map<String, LogPosition> lastByPartition = new LinkedHashMap<>();
        for (LoggedEvent logged : batch) {
            lastByPartition.put(logged.position().partition(), logged.position());
        }
        return LogPositions.of(lastByPartition.values());
    }

    private boolean isStopping() {
        return stopRequested.getCount() == 0;
    }

    private void awaitStop(long millis) {
        try {
            stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package com.acme.wallet.application;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for an infrastructure dependency (Pulsar, PostgreSQL) that is not there yet: repeats a
 * step with pauses doubling from {@code pauseMin} up to {@code pauseMax}, logging every failure,
 * until the step succeeds, fails in a way not worth waiting for, or {@link #stop()} is called.
 *
 * <p>A program started before its broker or database, or during their restart, then comes up by
 * itself instead of exiting and turning a short outage into a missing process. The pause is
 * bounded so that the program notices the dependency soon after it is back; the number of attempts
 * is not, because giving up would only hand the same wait to a supervisor.
 *
 * <p>One instance serves one program's startup; {@link #stop()} is safe from any thread (a signal
 * handler) and ends a pause at once.
 */
public final class DependencyWait {

    private static final System.Logger LOG = System.getLogger(DependencyWait.class.getName());

    /** The first pause after a failed attempt. */
    public static final Duration PAUSE_MIN = Duration.ofMillis(100);
    /** The longest pause: a dependency that is back is noticed within about this. */
    public static final Duration PAUSE_MAX = Duration.ofSeconds(5);

    private final Duration pauseMin;
    private final Duration pauseMax;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /**
     * Creates a wait with the given pauses.
     *
     * @param pauseMin the first pause; at least 1 ms
     * @param pauseMax the longest pause; at least {@code pauseMin}
     */
    public DependencyWait(Duration pauseMin, Duration pauseMax) {
        this.pauseMin = Objects.requireNonNull(pauseMin, "pauseMin");
        this.pauseMax = Objects.requireNonNull(pauseMax, "pauseMax");
        // Pauses are waited in whole milliseconds; a shorter minimum would make every pause zero.
        if (pauseMin.toMillis() < 1 || pauseMax.compareTo(pauseMin) < 0) {
            throw new IllegalArgumentException("pauses must be at least 1 ms, the maximum no less than the minimum");
        }
    }

    /** {@return a wait with pauses from {@link #PAUSE_MIN} to {@link #PAUSE_MAX}} */
    public static DependencyWait withDefaultPauses() {
        return new DependencyWait(PAUSE_MIN, PAUSE_MAX);
    }

    /**
     * Runs the step until it succeeds, waiting after each failure that is worth waiting for.
     *
     * @param what the step, for the log, such as "subscribing to Pulsar at pulsar://…"
     * @param step the step; it must be safe to repeat after it failed
     * @param worthWaitingFor which failures mean "not there yet"; any other is thrown at once
     * @param <T> what the step returns
     * @return what the step returned, or empty if {@link #stop()} was called first
     * @throws RuntimeException the step's failure if it is not worth waiting for
     */
    public <T> Optional<T> until(String what, Supplier<T> step, Predicate<RuntimeException> worthWaitingFor) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(worthWaitingFor, "worthWaitingFor");
        long startedNanos = System.nanoTime();
        String said = Redaction.hideCredentials(what);
        for (int attempt = 1; !isStopping(); attempt++) {
            try {
                T result = step.get();
                if (attempt > 1) {
                    LOG.log(Level.INFO, said + " succeeded after " + attempt + " attempts in "
                            + millisSince(startedNanos) + " ms");
                }
                return Optional.of(result);
            } catch (RuntimeException failure) {
                if (!worthWaitingFor.test(failure)) {
                    throw failure;
                }
                long pauseMillis = pauseMillis(attempt);
                LOG.log(Level.WARNING, said + " failed (attempt " + attempt + ", waiting for "
                        + millisSince(startedNanos) + " ms so far): " + reason(failure) + "; retrying in "
                        + pauseMillis + " ms");
                awaitStop(pauseMillis);
            }
        }
        LOG.log(Level.INFO, "stopped while waiting: " + said);
        return Optional.empty();
    }

    /** Ends the wait: the pause in progress ends at once and {@link #until} returns empty. */
    public void stop() {
        stopRequested.countDown();
    }

    /** {@return whether {@link #stop()} was called} */
    public boolean isStopping() {
        return stopRequested.getCount() == 0;
    }

    /** The pause after the given failed attempt (1 for the first): doubling, at most the maximum. */
    long pauseMillis(int attempt) {
        long doubled = pauseMin.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
        return Math.min(pauseMax.toMillis(), doubled);
    }

    private void awaitStop(long millis) {
        try {
            stopRequested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            // An interrupted startup is a stopping one: keep the flag for the caller, end the wait.
            Thread.currentThread().interrupt();
            stop();
        }
    }

    /**
     * The failure and its root cause, on one line: "connection refused" is what an operator needs.
     * A library's message may hold the URL it was given, credentials and all: they are hidden.
     */
    private static String reason(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Redaction.hideCredentials(root == failure ? failure.toString() : failure + " (" + root + ")");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}

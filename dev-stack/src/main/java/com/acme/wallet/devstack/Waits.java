package com.acme.wallet.devstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for a condition, saying every few seconds how long they have waited and for how long
 * they may: {@code wallet: [ 1m05s] waiting for Pulsar on 127.0.0.1:6650 ... 40 s of at most 3 min}.
 */
final class Waits {

    /** How a wait ended. */
    enum Outcome {
        /** The condition holds. */
        MET,
        /** The limit passed first. */
        TIMED_OUT,
        /** The process watched stopped running. */
        EXITED,
        /** A signal asked to stop. */
        STOPPED
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final Console console;

    Waits(Console console) {
        this.console = console;
    }

    /**
     * Checks {@code condition} about twice a second until it holds, within {@code limit}.
     *
     * @param what what is waited for, for the progress lines ({@code waiting for <what> ... 12 s of at most 3 min})
     * @param limit the longest wait
     * @param alive whether the process that should bring the condition about still runs
     * @param condition the condition; each check must be bounded in time itself
     * @return how the wait ended
     */
    Outcome until(String what, Duration limit, BooleanSupplier alive, BooleanSupplier condition) {
        return until(what, limit, POLL, alive, condition);
    }

    /** {@link #until(String, Duration, BooleanSupplier, BooleanSupplier)}, checking every {@code poll}: for a wait that is timed. */
    Outcome until(String what, Duration limit, Duration poll, BooleanSupplier alive, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Progress.Ticker progress = console.progress(soFar -> "waiting for " + what + " ... "
                + Progress.words(soFar) + " of at most " + Progress.words(limit), Console.PROGRESS_INTERVAL)) {
            while (true) {
                if (condition.getAsBoolean()) {
                    return Outcome.MET;
                }
                if (StopSignals.received().isPresent()) {
                    return Outcome.STOPPED;
                }
                if (!alive.getAsBoolean()) {
                    return Outcome.EXITED;
                }
                if (System.nanoTime() > deadline) {
                    return Outcome.TIMED_OUT;
                }
                Pause.of(poll);
            }
        }
    }
}

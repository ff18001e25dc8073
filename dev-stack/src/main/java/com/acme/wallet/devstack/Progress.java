package com.acme.wallet.devstack;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The time line of one ./wallet command: progress lines start with the time since the command
 * began, {@code [ 1m05s] waiting for Pulsar ... 45 s of at most 180 s}, so that a reader of a long
 * run sees at once where the time went. The clock is injected (the tests drive it by hand).
 *
 * <p>Plain lines only, never a spinner or an escape code: the output is as readable in a log file or
 * a pipe as on a terminal, and a long step says it still goes on only every few seconds.
 */
final class Progress {

    /** How often a long step says, by default, that it still goes on. */
    static final Duration EVERY = Duration.ofSeconds(10);
    /** How often a ticking step looks at the clock: its lines come at most this late. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final LongSupplier nanoTime;
    private final long startedNanos;

    /**
     * @param nanoTime a monotonic clock in nanoseconds, such as {@link System#nanoTime}
     * @param alreadyElapsed how long the command ran before this program began (./wallet's build)
     */
    Progress(LongSupplier nanoTime, Duration alreadyElapsed) {
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong() - alreadyElapsed.toNanos();
    }

    /** {@return the time line of this process, begun {@code alreadyElapsed} before it started} */
    static Progress system(Duration alreadyElapsed) {
        return new Progress(System::nanoTime, alreadyElapsed);
    }

    /** {@return the time since the command began} */
    Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - startedNanos);
    }

    /** {@return {@code message} behind the time since the command began: {@code [ 1m05s] message}} */
    String line(String message) {
        return "[" + clock(elapsed()) + "] " + message;
    }

    /**
     * {@return a duration as a progress line shows it, six characters wide: {@code "    7s"},
     * {@code " 1m05s"}, {@code "12m00s"}, {@code " 2h03m"}; whole seconds, rounded down}
     */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        String text;
        if (seconds < 60) {
            text = seconds + "s";
        } else if (seconds < 3600) {
            text = seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        } else {
            text = seconds / 3600 + "h" + twoDigits(seconds % 3600 / 60) + "m";
        }
        return " ".repeat(Math.max(0, 6 - text.length())) + text;
    }

    /** {@return a duration in words for the middle of a line: {@code 45 s}, {@code 3 min 05 s}, {@code 1 h 02 min}} */
    static String words(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + twoDigits(seconds % 60) + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + twoDigits(seconds % 3600 / 60) + " min");
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    /**
     * A step that says every {@code every} that it still goes on, until it is closed.
     *
     * @param status what to say, given how long the step has run so far
     * @param every the time between two lines
     * @param lines where each line goes (already behind the time since the command began)
     * @return the step's ticker; {@link Ticker#poll} prints when a line is due, {@link Ticker#ticking}
     *     makes a thread poll it
     */
    Ticker ticker(Function<Duration, String> status, Duration every, Consumer<String> lines) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a ticker needs a positive interval, not " + every);
        }
        return new Ticker(status, every, lines);
    }

    /** A long step's periodic line; close it when the step ends (in a finally, or try-with-resources). */
    final class Ticker implements AutoCloseable {
        private final Function<Duration, String> status;
        private final long everyNanos;
        private final Consumer<String> lines;
        private final long beganNanos;
        private long dueNanos;
        private ScheduledExecutorService thread;
        private boolean closed;

        private Ticker(Function<Duration, String> status, Duration every, Consumer<String> lines) {
            this.status = status;
            this.everyNanos = every.toNanos();
            this.lines = lines;
            this.beganNanos = nanoTime.getAsLong();
            this.dueNanos = beganNanos + everyNanos;
        }

        /**
         * Prints the step's line if one is due. At most one line per call: after a stall (a paused
         * machine) the next line is due one interval after this one, not once per interval missed.
         */
        synchronized void poll() {
            long now = nanoTime.getAsLong();
            if (closed || now - dueNanos < 0) {
                return;
            }
            lines.accept(line(status.apply(Duration.ofNanos(now - beganNanos))));
            dueNanos = now + everyNanos - (now - dueNanos) % everyNanos;
        }

        /** {@return this ticker, polled from now on by a daemon thread of its own until it is closed} */
        synchronized Ticker ticking() {
            if (thread == null && !closed) {
                thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread daemon = new Thread(runnable, "wallet-progress");
                    daemon.setDaemon(true);
                    return daemon;
                });
                long period = POLL.toMillis();
                thread.scheduleAtFixedRate(this::poll, period, period, TimeUnit.MILLISECONDS);
            }
            return this;
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }
}

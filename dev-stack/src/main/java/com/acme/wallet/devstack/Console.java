package com.acme.wallet.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What ./wallet says: lines starting with {@code wallet: } (or another speaker's name, such as
 * {@code bench: }), news on standard output, trouble on standard error.
 */
final class Console {

    /** How often a long wait says that it still waits. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final String speaker;

    Console(PrintStream out, PrintStream err) {
        this(out, err, "wallet");
    }

    private Console(PrintStream out, PrintStream err, String speaker) {
        this.out = out;
        this.err = err;
        this.speaker = speaker;
    }

    static Console system() {
        return new Console(System.out, System.err);
    }

    /** {@return a console on the same streams whose lines start with {@code speaker: }} */
    Console as(String speaker) {
        return new Console(out, err, speaker);
    }

    void say(String message) {
        out.println(speaker + ": " + message);
        out.flush();
    }

    void warn(String message) {
        err.println(speaker + ": " + message);
        err.flush();
    }

    /** Prints text as it is (a table, a log's lines) on standard output. */
    void print(String text) {
        out.print(text);
        out.flush();
    }

    /** Prints text as it is on standard error. */
    void printError(String text) {
        err.print(text);
        err.flush();
    }

    /**
     * Says every {@link #PROGRESS_INTERVAL} that {@code what} still goes on, with the time since it
     * began ({@code wallet: waiting for Pulsar ... 20 s}), until the returned handle is closed.
     *
     * @param what such as {@code waiting for Pulsar}
     * @return close it when the wait is over
     */
    Progress progress(String what) {
        return new Progress(what, PROGRESS_INTERVAL);
    }

    /** {@link #progress(String)} with another interval between the lines. */
    Progress progress(String what, Duration interval) {
        return new Progress(what, interval);
    }

    /** A running progress report; closing it stops the lines. */
    final class Progress implements AutoCloseable {
        private final long startedNanos = System.nanoTime();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "wallet-progress");
            thread.setDaemon(true);
            return thread;
        });

        private Progress(String what, Duration interval) {
            long period = interval.toMillis();
            timer.scheduleAtFixedRate(() -> say(what + " ... " + elapsedSeconds() + " s"), period, period,
                    TimeUnit.MILLISECONDS);
        }

        /** {@return whole seconds since the progress began} */
        long elapsedSeconds() {
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}

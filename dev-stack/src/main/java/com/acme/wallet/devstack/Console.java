package com.acme.wallet.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;

/**
 * What ./wallet says: lines starting with {@code wallet: } (or another speaker's name, such as
 * {@code bench: }), news on standard output, trouble on standard error. A long step's lines carry
 * the time since the command began ({@link Progress}): {@code wallet: [ 1m05s] waiting for ...}.
 */
final class Console {

    /** How often a long wait says that it still waits. */
    static final Duration PROGRESS_INTERVAL = Progress.EVERY;
    /** The system property in which ./wallet passes when the command began (epoch milliseconds). */
    static final String STARTED_PROPERTY = "wallet.started.epoch.ms";
    /** A start further back than this is not ./wallet's (a stale or wrong property): it is ignored. */
    private static final Duration LONGEST_BUILD = Duration.ofHours(2);

    private final PrintStream out;
    private final PrintStream err;
    private final String speaker;
    private final Progress timeLine;

    Console(PrintStream out, PrintStream err) {
        this(out, err, Progress.system(Duration.ZERO));
    }

    /** A console whose progress lines count from {@code timeLine}'s start, on its clock. */
    Console(PrintStream out, PrintStream err, Progress timeLine) {
        this(out, err, "wallet", timeLine);
    }

    private Console(PrintStream out, PrintStream err, String speaker, Progress timeLine) {
        this.out = out;
        this.err = err;
        this.speaker = speaker;
        this.timeLine = timeLine;
    }

    /** {@return the console of this process; its time line begins when ./wallet began, if it says when} */
    static Console system() {
        return new Console(System.out, System.err, Progress.system(alreadyElapsed(
                System.getProperty(STARTED_PROPERTY), System.currentTimeMillis())));
    }

    /** {@return how long ago ./wallet began, from its epoch milliseconds; zero when unknown or implausible} */
    static Duration alreadyElapsed(String startedEpochMillis, long nowEpochMillis) {
        if (startedEpochMillis == null || !startedEpochMillis.matches("[0-9]{1,15}")) {
            return Duration.ZERO;
        }
        Duration elapsed = Duration.ofMillis(nowEpochMillis - Long.parseLong(startedEpochMillis));
        return elapsed.isNegative() || elapsed.compareTo(LONGEST_BUILD) > 0 ? Duration.ZERO : elapsed;
    }

    /** {@return a console on the same streams and time line whose lines start with {@code speaker: }} */
    Console as(String speaker) {
        return new Console(out, err, speaker, timeLine);
    }

    void say(String message) {
        out.println(speaker + ": " + message);
        out.flush();
    }

    /** Says that a long step begins, behind the time since the command began: {@code wallet: [ 1m05s] message}. */
    void step(String message) {
        say(timeLine.line(message));
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
     * Says every {@link #PROGRESS_INTERVAL} that {@code what} still goes on, with the time since the
     * command began and since the step began ({@code wallet: [ 1m05s] waiting for Pulsar ... 20 s}),
     * until the returned handle is closed.
     *
     * @param what such as {@code waiting for Pulsar}
     * @return close it when the step is over
     */
    Progress.Ticker progress(String what) {
        return progress(what, PROGRESS_INTERVAL);
    }

    /** {@link #progress(String)} with another interval between the lines. */
    Progress.Ticker progress(String what, Duration interval) {
        return progress(soFar -> what + " ... " + Progress.words(soFar), interval);
    }

    /**
     * Says every {@code interval} what {@code status} makes of the time the step has run so far, until
     * the returned handle is closed.
     */
    Progress.Ticker progress(Function<Duration, String> status, Duration interval) {
        return timeLine.ticker(status, interval, this::say).ticking();
    }
}

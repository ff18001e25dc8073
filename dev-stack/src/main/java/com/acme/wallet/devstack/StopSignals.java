package com.acme.wallet.devstack;

import java.util.List;
import java.util.Optional;

/**
 * SIGINT, SIGTERM and SIGHUP while {@code up} starts or follows the stack: they only record that a
 * stop was asked for, and every wait checks that, so that ./wallet stops what it started, in
 * reverse order, instead of the JVM exiting half-way. The JDK offers per-signal handlers only
 * through {@code sun.misc.Signal} (module jdk.unsupported); a shutdown hook could not tell the
 * signals apart nor choose the exit status. (javac warns about the internal API; no annotation
 * silences that warning.)
 */
final class StopSignals {

    private static volatile String received;

    private StopSignals() {}

    /** Replaces the JVM's handling of SIGINT, SIGTERM and SIGHUP (the terminal went away) by recording them. */
    static void install() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> received = "SIG" + signal.getName());
        }
    }

    /** {@return the signal that asked to stop, such as {@code SIGINT}, if one did} */
    static Optional<String> received() {
        return Optional.ofNullable(received);
    }
}

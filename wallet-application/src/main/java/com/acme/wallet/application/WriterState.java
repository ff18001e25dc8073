package com.acme.wallet.application;

import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.out.WriterFencedException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Where the writer is in its life, shared by its parts: starting, serving, stopping, or stopped for
 * good because another writer took the log over (fenced) or a money invariant broke (failed).
 */
final class WriterState {

    private static final System.Logger LOG = System.getLogger(WalletWriter.class.getName());

    private volatile WriterPhase phase = WriterPhase.STARTING;

    /** {@return the phase now} */
    WriterPhase phase() {
        return phase;
    }

    /** {@return a scheduler of one named daemon thread, for a part of the writer that works in the background} */
    static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(name));
    }

    /** {@return a factory of daemon threads that all bear the name, for the writer's background parts} */
    static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    boolean isStarting() {
        return phase == WriterPhase.STARTING;
    }

    boolean isServing() {
        return phase == WriterPhase.SERVING;
    }

    /** {@return whether the writer takes no writes ever again: fenced off, or failed} */
    boolean isStoppedForGood() {
        return phase == WriterPhase.FENCED || phase == WriterPhase.FAILED;
    }

    void serve() {
        phase = WriterPhase.SERVING;
    }

    void stop() {
        if (!isStoppedForGood()) {
            phase = WriterPhase.STOPPING;
        }
    }

    /** {@return why a write is refused now, or empty while the writer serves} */
    Optional<TemporarilyUnavailableException> refusal() {
        WriterPhase current = phase;
        if (current == WriterPhase.SERVING) {
            return Optional.empty();
        }
        return Optional.of(new TemporarilyUnavailableException(switch (current) {
            case STARTING -> "the service is starting";
            case STOPPING -> "the service is stopping";
            case FENCED -> "another writer has taken the log over; this one takes no more writes";
            default -> "the service has stopped taking writes";
        }));
    }

    /**
     * Stops taking writes for good: wrong money must not spread.
     *
     * @param brokenInvariant what the domain reported
     * @return the same exception, for the caller to throw
     */
    IllegalStateException halt(IllegalStateException brokenInvariant) {
        phase = WriterPhase.FAILED;
        LOG.log(Level.ERROR, "money invariant broken; the writer takes no more writes", brokenInvariant);
        return brokenInvariant;
    }

    /**
     * Stops taking writes for good once the log says another writer took it over: every later
     * append would fail the same way, and readiness must say so, so that traffic goes to the writer
     * that serves.
     */
    void noticeIfFenced(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WriterFencedException) {
                if (phase == WriterPhase.SERVING) {
                    phase = WriterPhase.FENCED;
                    LOG.log(Level.ERROR, "another writer has taken the log over; this one takes no more writes",
                            failure);
                }
                return;
            }
        }
    }
}

package com.acme.wallet.application.persistence;

import com.acme.wallet.application.persistence.EventBatchPersister.Ending;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs a persister on a thread of its own, as the batch consumer does, with bounded waits only: a
 * persister that never returns fails its test instead of hanging the build.
 */
final class RunningPersister implements AutoCloseable {

    /** The longest a test waits for anything. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private final EventBatchPersister persister;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final Thread thread;

    private RunningPersister(EventBatchPersister persister) {
        this.persister = persister;
        this.thread = new Thread(() -> {
            try {
                ending.complete(persister.run());
            } catch (Throwable failure) {
                ending.completeExceptionally(failure);
            }
        }, "persister-under-test");
        // A persister a test failed to stop must not keep the test JVM alive.
        thread.setDaemon(true);
    }

    static RunningPersister start(EventBatchPersister persister) {
        RunningPersister running = new RunningPersister(persister);
        running.thread.start();
        return running;
    }

    /** {@return why run() returned} @throws AssertionError if it does not return within the limit */
    Ending awaitEnding() {
        try {
            return ending.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new AssertionError("run() threw instead of returning", failed.getCause());
        } catch (TimeoutException | InterruptedException notReturned) {
            throw new AssertionError("run() did not return within " + LIMIT, notReturned);
        }
    }

    /** Asks the persister to stop and {@return how long run() then took to return} */
    Duration stopAndTimeIt() {
        long startNanos = System.nanoTime();
        persister.stop();
        awaitEnding();
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    boolean hasEnded() {
        return ending.isDone();
    }

    /** Interrupts the persister's thread, as an executor's shutdownNow() does. */
    void interrupt() {
        thread.interrupt();
    }

    /** Stops the persister if the test did not, and waits a bounded time for its thread to end. */
    @Override
    public void close() throws InterruptedException {
        persister.stop();
        thread.join(LIMIT.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError("the persister did not stop within " + LIMIT);
        }
    }

    /** Polls until the condition holds. @throws AssertionError if it does not within the limit */
    static void until(String what, BooleanSupplier condition) {
        long deadlineNanos = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new AssertionError("not within " + LIMIT + ": " + what);
            }
            try {
                // A short pause between polls; no assertion depends on how long it lasts.
                Thread.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, interrupted);
            }
        }
    }
}

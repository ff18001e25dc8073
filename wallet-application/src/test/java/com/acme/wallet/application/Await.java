package com.acme.wallet.application;

import com.acme.wallet.application.port.in.FindTransactionQuery;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits for tests. Nothing here waits without a limit, so a ledger that never answers fails
 * its test instead of hanging the build.
 */
final class Await {

    /** The longest a test waits for anything. */
    static final Duration LIMIT = Duration.ofSeconds(5);

    private static final AtomicLong PROBES = new AtomicLong();

    private Await() {}

    /** {@return the stage's result} @throws AssertionError if it fails or takes too long */
    static <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw new AssertionError("expected a result but the stage failed", failed.getCause());
        } catch (TimeoutException | InterruptedException notAnswered) {
            throw new AssertionError("no answer within " + LIMIT, notAnswered);
        }
    }

    /** {@return why the stage failed} @throws AssertionError if it succeeds or takes too long */
    static Throwable failure(CompletionStage<?> stage) {
        try {
            Object result = stage.toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure but the stage answered " + result);
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (TimeoutException | InterruptedException notAnswered) {
            throw new AssertionError("no answer within " + LIMIT, notAnswered);
        }
    }

    /** Polls until the condition holds. @throws AssertionError if it does not within the limit */
    static void until(String what, BooleanSupplier condition) {
        long deadlineNanos = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNanos) {
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

    /** Polls until the wallet takes writes again, after it was put in doubt. */
    static void untilWritable(Ledger ledger, WalletId walletId) {
        until(walletId + " takes writes again", () -> takesWrites(ledger, walletId));
    }

    /**
     * Asks once whether the wallet decides writes now, without writing: a lookup of a reference no
     * test uses is refused as temporarily unavailable exactly while the wallet is in doubt, as a
     * write is. (A write cannot probe: even a refused one is recorded.)
     */
    static boolean takesWrites(Ledger ledger, WalletId walletId) {
        FindTransactionQuery probe = new FindTransactionQuery(walletId, Reference.of("probe-" + PROBES.incrementAndGet()));
        try {
            TransactionLookup lookup = ledger.findTransaction(probe);
            if (lookup instanceof TransactionLookup.Found found) {
                throw new AssertionError("a probe's reference must never exist: " + found);
            }
            return true;
        } catch (TemporarilyUnavailableException inDoubt) {
            return false;
        }
    }
}

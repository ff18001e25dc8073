package com.acme.wallet.application;

import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.ChangeOutcome;
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
     * Asks once whether the wallet decides writes now. The probe asks to remove more than any test
     * wallet holds, so a wallet that decides answers with a rejection and nothing changes, while a
     * wallet in doubt refuses it as temporarily unavailable.
     */
    static boolean takesWrites(Ledger ledger, WalletId walletId) {
        String reference = "probe-" + PROBES.incrementAndGet();
        ChangeFundsCommand probe = WalletRequests.change(walletId, Amount.MAX_CENTS, reference);
        try {
            ChangeOutcome outcome = ledger.removeFunds(probe).toCompletableFuture()
                    .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof ChangeOutcome.Accepted || outcome instanceof ChangeOutcome.Replayed) {
                throw new AssertionError("a probe must never move money: " + outcome);
            }
            return true;
        } catch (ExecutionException refused) {
            if (refused.getCause() instanceof TemporarilyUnavailableException) {
                return false;
            }
            throw new AssertionError("probe failed unexpectedly", refused.getCause());
        } catch (TimeoutException | InterruptedException notAnswered) {
            throw new AssertionError("probe not answered within " + LIMIT, notAnswered);
        }
    }
}

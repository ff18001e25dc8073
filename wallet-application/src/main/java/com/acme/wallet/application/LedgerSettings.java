package com.acme.wallet.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link WalletLedger}.
 *
 * @param maxInFlightPerWallet how many changes of one wallet may await the log at once; more are
 *     refused as temporarily unavailable
 * @param maxInFlightTotal how many changes of all wallets may await the log at once; keep it below
 *     the log client's own queue limit so that the log never refuses an append for space
 * @param recoverySettle how long a wallet in doubt waits, once all its appends have settled, before
 *     it is read back from the log: an append the log client reported as failed (a send timeout) may
 *     still be stored by the broker moments later, and a read-back before that would miss it
 * @param recoveryRetryMin the first pause before reading a wallet back again after a failed read
 * @param recoveryRetryMax the longest such pause; pauses double up to it
 * @param drainTimeout how long stopping waits for changes in flight to be confirmed
 */
public record LedgerSettings(
        int maxInFlightPerWallet,
        int maxInFlightTotal,
        Duration recoverySettle,
        Duration recoveryRetryMin,
        Duration recoveryRetryMax,
        Duration drainTimeout) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a limit is not positive or the pauses are out of order
     */
    public LedgerSettings {
        Objects.requireNonNull(recoverySettle, "recoverySettle");
        Objects.requireNonNull(recoveryRetryMin, "recoveryRetryMin");
        Objects.requireNonNull(recoveryRetryMax, "recoveryRetryMax");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (maxInFlightPerWallet < 1 || maxInFlightTotal < 1) {
            throw new IllegalArgumentException("in-flight limits must be at least 1");
        }
        if (recoveryRetryMin.isNegative() || recoveryRetryMin.isZero() || recoveryRetryMax.compareTo(recoveryRetryMin) < 0) {
            throw new IllegalArgumentException("recovery pauses must be positive, the maximum no less than the minimum");
        }
        if (recoverySettle.isNegative()) {
            throw new IllegalArgumentException("recovery settle time must not be negative");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative");
        }
    }

    /**
     * The defaults: 1,000 changes in flight per wallet, 10,000 in all, a wallet in doubt read back
     * 1 s after its last append settled (a broker stores a late send within milliseconds; one
     * second leaves room for a busy one), recovery retries from 100 ms to 5 s, 10 s to drain on stop.
     *
     * @return the default settings
     */
    public static LedgerSettings defaults() {
        return new LedgerSettings(1_000, 10_000, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }
}

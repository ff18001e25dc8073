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
 * @param recoveryRetryMin the first pause before reading wallets in doubt back again after a failed
 *     attempt (the barrier or the read failed, for example while the log is unreachable)
 * @param recoveryRetryMax the longest such pause; pauses double up to it
 * @param drainTimeout how long stopping waits for changes in flight to be confirmed
 */
public record LedgerSettings(
        int maxInFlightPerWallet,
        int maxInFlightTotal,
        Duration recoveryRetryMin,
        Duration recoveryRetryMax,
        Duration drainTimeout) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a limit is not positive or the pauses are out of order
     */
    public LedgerSettings {
        Objects.requireNonNull(recoveryRetryMin, "recoveryRetryMin");
        Objects.requireNonNull(recoveryRetryMax, "recoveryRetryMax");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (maxInFlightPerWallet < 1 || maxInFlightTotal < 1) {
            throw new IllegalArgumentException("in-flight limits must be at least 1");
        }
        if (recoveryRetryMin.isNegative() || recoveryRetryMin.isZero() || recoveryRetryMax.compareTo(recoveryRetryMin) < 0) {
            throw new IllegalArgumentException("recovery pauses must be positive, the maximum no less than the minimum");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative");
        }
    }

    /**
     * The defaults: 1,000 changes in flight per wallet, 10,000 in all, recovery retries from 100 ms
     * to 1 s (so that wallets in doubt take writes again about a second after the log is back), 10 s
     * to drain on stop.
     *
     * @return the default settings
     */
    public static LedgerSettings defaults() {
        return new LedgerSettings(1_000, 10_000, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(10));
    }
}

package com.acme.wallet.application;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link WalletWriter}.
 *
 * @param maxInFlightPerWallet how many changes of one wallet may await the log at once; more are
 *     refused as temporarily unavailable
 * @param maxInFlightTotal how many changes of all wallets may await the log at once; keep it below
 *     the log client's own queue limit so that the log never refuses an append for space
 * @param recoveryRetryMin the first pause before reading wallets in doubt back again after a failed
 *     attempt (the barrier or the read failed, for example while the log is unreachable)
 * @param recoveryRetryMax the longest such pause; pauses double up to it
 * @param drainTimeout how long stopping waits for changes in flight to be confirmed
 * @param rememberedChangesPerWallet how many of a wallet's latest durable changes stay in memory
 *     once the store holds them; older ones are looked up in the store when a client names them
 * @param forgetInterval how often the writer asks the store how far it holds the wallets that
 *     remember more than their window, and forgets what it holds
 * @param maxWallets the most wallets the writer holds, each in memory for good; a write that would
 *     open one more is refused ({@link com.acme.wallet.application.port.in.WalletLimitReachedException}),
 *     and openings racing at the limit may pass it by at most their number
 */
public record WriterSettings(
        int maxInFlightPerWallet,
        int maxInFlightTotal,
        Duration recoveryRetryMin,
        Duration recoveryRetryMax,
        Duration drainTimeout,
        int rememberedChangesPerWallet,
        Duration forgetInterval,
        int maxWallets) {

    /** Changes of a wallet kept in memory once stored, by default: enough for the usual retries. */
    public static final int DEFAULT_REMEMBERED_CHANGES_PER_WALLET = 8;

    /** No limit on the number of wallets but memory's. */
    public static final int UNLIMITED_WALLETS = Integer.MAX_VALUE;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a limit is not positive or the pauses are out of order
     */
    public WriterSettings {
        Objects.requireNonNull(recoveryRetryMin, "recoveryRetryMin");
        Objects.requireNonNull(recoveryRetryMax, "recoveryRetryMax");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(forgetInterval, "forgetInterval");
        if (maxInFlightPerWallet < 1 || maxInFlightTotal < 1) {
            throw new IllegalArgumentException("in-flight limits must be at least 1");
        }
        if (recoveryRetryMin.isNegative() || recoveryRetryMin.isZero() || recoveryRetryMax.compareTo(recoveryRetryMin) < 0) {
            throw new IllegalArgumentException("recovery pauses must be positive, the maximum no less than the minimum");
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must not be negative");
        }
        if (rememberedChangesPerWallet < 0) {
            throw new IllegalArgumentException("remembered changes per wallet must not be negative");
        }
        if (forgetInterval.isNegative() || forgetInterval.isZero()) {
            throw new IllegalArgumentException("forget interval must be positive");
        }
        if (maxWallets < 1) {
            throw new IllegalArgumentException("the most wallets must be at least 1, not " + maxWallets);
        }
    }

    /**
     * The defaults: 1,000 changes in flight per wallet, 10,000 in all, recovery retries from 100 ms
     * to 1 s (so that wallets in doubt take writes again about a second after the log is back), 10 s
     * to drain on stop, {@value #DEFAULT_REMEMBERED_CHANGES_PER_WALLET} remembered changes per wallet
     * beyond those not yet stored, forgetting checked every second, no limit on the number of wallets.
     *
     * @return the default settings
     */
    public static WriterSettings defaults() {
        return new WriterSettings(1_000, 10_000, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofSeconds(10), DEFAULT_REMEMBERED_CHANGES_PER_WALLET, Duration.ofSeconds(1), UNLIMITED_WALLETS);
    }

    /**
     * {@return these settings with a limit on the number of wallets}
     *
     * @param most the most wallets the writer holds
     */
    public WriterSettings withMaxWallets(int most) {
        return new WriterSettings(maxInFlightPerWallet, maxInFlightTotal, recoveryRetryMin, recoveryRetryMax,
                drainTimeout, rememberedChangesPerWallet, forgetInterval, most);
    }
}

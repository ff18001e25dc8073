package com.acme.wallet.domain.port;

import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Loads wallets' durable state, exactly as the durable log holds it now, to start from.
 *
 * <p>Used at startup for every wallet, and after an append with an unknown outcome for the wallet
 * concerned. The wallets handed out hold only durable state (nothing in flight) and are owned by
 * the caller from then on. Implementations throw an unchecked exception when the state cannot be
 * read; the caller decides whether to retry.
 */
public interface LoadWalletsPort {

    /**
     * Loads every open wallet.
     *
     * @param sink receives each open wallet once, in no particular order
     */
    void loadAll(Consumer<Wallet> sink);

    /**
     * Loads one wallet.
     *
     * @param id the wallet's id
     * @return the wallet, or empty if its opening is not in the log
     */
    Optional<Wallet> load(WalletId id);
}

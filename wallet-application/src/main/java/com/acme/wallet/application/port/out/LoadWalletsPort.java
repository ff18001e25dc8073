package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.Wallet;
import java.util.function.Consumer;

/**
 * Loads every wallet's durable state, exactly as the durable log holds it up to a barrier, to start
 * a writer from.
 *
 * <p>The wallets handed out hold only durable state (nothing in flight) and are owned by the caller
 * from then on. Implementations throw an unchecked exception when the state cannot be read; the
 * caller decides whether to retry.
 */
public interface LoadWalletsPort {

    /**
     * Loads every open wallet as the log holds it up to and including a barrier.
     *
     * @param barrier the position of a barrier the caller appended
     *     ({@link AppendWalletEventsPort#appendBarrier}); everything before it is included
     * @param sink receives each open wallet once, in no particular order
     */
    void loadAll(LogPosition barrier, Consumer<Wallet> sink);
}

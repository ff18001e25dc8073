package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.Wallet;
import java.util.function.Consumer;

/**
 * Loads the persisted state of wallets, and the log positions it includes, as one consistent view:
 * the state reflects exactly the events up to those positions.
 */
public interface LoadSnapshotPort {

    /**
     * Loads every persisted wallet.
     *
     * @param sink receives each open wallet once, holding only durable state; an implementation may
     *     hand out wallets that {@linkplain Wallet#forgetThrough forgot} the changes it stores
     * @return the log positions the wallets include
     */
    LogPositions loadAll(Consumer<Wallet> sink);
}

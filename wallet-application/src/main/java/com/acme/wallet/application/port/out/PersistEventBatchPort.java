package com.acme.wallet.application.port.out;

import java.util.List;

/**
 * Persists a batch of logged events exactly once: in one transaction it stores the events not yet
 * stored, applies them to the wallets' balances, and stores the batch's last log position per
 * partition.
 *
 * <p>Throws {@link IllegalStateException} when the events break a money rule (never retry that)
 * and any other unchecked exception when the store is unavailable (retrying is safe: the
 * transaction either happened whole or not at all, and repeats are ignored).
 */
public interface PersistEventBatchPort {

    /**
     * Persists the batch.
     *
     * @param batch events in log order
     * @return how many were new and how many were repeats
     */
    PersistedBatch persist(List<LoggedEvent> batch);
}

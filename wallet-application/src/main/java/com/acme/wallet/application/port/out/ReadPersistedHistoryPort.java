package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads what the store of persisted events holds, to compare it with the durable log: how far it
 * has persisted the log, and which event it holds at a wallet's sequence number.
 */
public interface ReadPersistedHistoryPort {

    /** {@return the last persisted log position of each partition; none if nothing is persisted} */
    LogPositions persistedPositions();

    /**
     * Finds the id of the event persisted at a wallet's sequence number.
     *
     * @param wallet the wallet
     * @param sequence the event's sequence number in that wallet
     * @return the event's id, or empty if no event is persisted there
     */
    Optional<UUID> persistedEventId(WalletId wallet, long sequence);
}

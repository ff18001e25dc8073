package com.acme.wallet.application.port.out.history;

import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;

/**
 * Reads what the store holds of a wallet's history. Every answer states, from the same snapshot,
 * how far the store had stored the wallet, so that the caller can tell "not stored yet" from "never
 * happened".
 *
 * <p>Implementations throw an unchecked exception when the store cannot be read; the caller then
 * answers "retry later", never a guess.
 */
public interface ReadHistoryPort {

    /**
     * Reads one page of a wallet's history.
     *
     * @param wallet the wallet
     * @param page the filter, the order, where the previous page ended and the most entries
     * @return the matching entries after the previous page, in the order asked
     */
    StoredHistory page(WalletId wallet, HistoryPageRequest page);

    /**
     * Reads the entry at one sequence of a wallet.
     *
     * @param wallet the wallet
     * @param sequence the sequence, at least 1 (the opening)
     * @return the entry, or none if it is not stored
     */
    StoredHistory entryAt(WalletId wallet, long sequence);

    /**
     * Reads the entry with the highest sequence among those that occurred at or before an instant.
     *
     * @param wallet the wallet
     * @param at the instant
     * @return the entry, or none if no stored entry occurred at or before it
     */
    StoredHistory lastEntryAt(WalletId wallet, Instant at);

    /**
     * Reads a round of a wallet: its applied bets and wins, and the rollbacks that refunded or
     * reclaimed one of them, in sequence order. Refused legs are left out.
     *
     * @param wallet the wallet
     * @param roundId the round
     * @param limit the most entries returned
     * @return the round's entries, at most {@code limit}
     */
    StoredHistory round(WalletId wallet, RoundId roundId, int limit);
}

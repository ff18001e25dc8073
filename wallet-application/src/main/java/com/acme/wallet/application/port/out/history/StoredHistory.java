package com.acme.wallet.application.port.out.history;

import java.util.List;
import java.util.Objects;

/**
 * What the store held of one wallet at one moment: some of its entries, and how far it had stored
 * the wallet's events, both read together so that they agree.
 *
 * @param storedThroughSequence the wallet's last stored sequence: every event up to it is stored;
 *     0 when the store does not know the wallet (then there are no entries)
 * @param entries the entries asked for, in the order asked
 */
public record StoredHistory(long storedThroughSequence, List<HistoryEntry> entries) {

    /** Validates the answer: nothing beyond what is stored, nothing of a wallet the store does not know. */
    public StoredHistory {
        entries = List.copyOf(entries);
        if (storedThroughSequence < 0) {
            throw new IllegalArgumentException("stored through a negative sequence: " + storedThroughSequence);
        }
        for (HistoryEntry entry : entries) {
            if (entry.sequence() > storedThroughSequence) {
                throw new IllegalStateException("an entry at sequence " + entry.sequence()
                        + " beyond the stored sequence " + storedThroughSequence);
            }
        }
    }

    /**
     * {@return the answer for a wallet the store does not know}
     */
    public static StoredHistory unknownWallet() {
        return new StoredHistory(0, List.of());
    }

    /** {@return whether the store knows the wallet} */
    public boolean knowsWallet() {
        return storedThroughSequence > 0;
    }
}

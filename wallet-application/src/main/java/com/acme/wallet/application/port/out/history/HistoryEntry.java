package com.acme.wallet.application.port.out.history;

import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored event of a wallet, the opening included, with the balance right after it.
 *
 * @param event the event
 * @param balanceAfterCents the wallet's balance right after it, in cents
 */
public record HistoryEntry(WalletEvent event, long balanceAfterCents) {

    /** Validates the entry. */
    public HistoryEntry {
        Objects.requireNonNull(event, "event");
        if (balanceAfterCents < 0) {
            throw new IllegalArgumentException("balance after event " + event.sequence() + " of " + event.walletId()
                    + " would be negative: " + balanceAfterCents);
        }
    }

    /** {@return the event's position among its wallet's events; 1 is the opening} */
    public long sequence() {
        return event.sequence();
    }

    /** {@return the entry as a reference's outcome, empty for the opening, which has no reference} */
    public Optional<LedgerEntry> ledgerEntry() {
        return event instanceof ReferencedEvent change
                ? Optional.of(new LedgerEntry(change, balanceAfterCents))
                : Optional.empty();
    }
}

package com.acme.wallet.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of one wallet, as it is written to the durable log: its opening, or the outcome of a
 * client's request under a reference.
 *
 * <p>Events are immutable facts. Within a wallet they carry strictly increasing sequence numbers,
 * starting at {@link #FIRST_SEQUENCE} with the {@link WalletOpened} event, which gives the log a
 * total order per wallet and lets readers recognise an event they have already applied.
 */
public sealed interface WalletEvent permits WalletOpened, ReferencedEvent {

    /** The sequence number of a wallet's first event, the one that opens it. */
    long FIRST_SEQUENCE = 1;

    /** {@return the unique id of this event} */
    UUID eventId();

    /** {@return the wallet this event changes} */
    WalletId walletId();

    /** {@return this event's position among the wallet's events, from 1} */
    long sequence();

    /** {@return the amount of money this event moves (or the opening balance)} */
    Amount amount();

    /** {@return when the change was decided} */
    Instant occurredAt();
}

package com.acme.wallet.domain;

/** Checks that the events of clients' requests share. */
final class EventChecks {

    private EventChecks() {}

    /**
     * Checks the sequence of a change made under a reference.
     *
     * @param sequence the event's sequence
     * @throws IllegalArgumentException if it could belong to an opening event
     */
    static void checkChangeSequence(long sequence) {
        if (sequence <= WalletEvent.FIRST_SEQUENCE) {
            throw new IllegalArgumentException("a change with sequence " + sequence + " would precede the opening");
        }
    }
}

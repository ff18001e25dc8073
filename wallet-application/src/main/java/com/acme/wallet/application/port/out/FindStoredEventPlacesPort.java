package com.acme.wallet.application.port.out;

import java.util.List;

/**
 * Finds where logged events are stored, to tell whether every event of the log was persisted at
 * its place (its wallet and sequence) under its event id.
 *
 * <p>Implementations throw an unchecked exception when the store cannot be asked.
 */
public interface FindStoredEventPlacesPort {

    /** The most places one {@link #storedPlacesOf} call looks up. */
    int MAX_PLACES_PER_LOOKUP = 10_000;

    /**
     * Looks up the transactions stored at the given places and wherever the given event ids are
     * stored.
     *
     * @param places up to {@value #MAX_PLACES_PER_LOOKUP} events as the log has them
     * @return every stored transaction at one of those (wallet, sequence) places or with one of those
     *     event ids, each once, in no particular order
     */
    List<StoredEventPlace> storedPlacesOf(List<StoredEventPlace> places);
}

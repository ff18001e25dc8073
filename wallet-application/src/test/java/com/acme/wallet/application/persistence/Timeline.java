package com.acme.wallet.application.persistence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the fakes saw, in the order they saw it. Shared by the batch source and the store, so a
 * test can tell whether a batch was acknowledged before or after it was persisted.
 */
final class Timeline {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    void record(String entry) {
        entries.add(entry);
    }

    /** {@return a copy of the entries so far} */
    List<String> entries() {
        return List.copyOf(entries);
    }
}

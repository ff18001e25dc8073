package com.acme.wallet.application.check;

import com.acme.wallet.application.check.CheckReport.Kind;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.domain.WalletId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Compares the topic's events, chunk by chunk, with the transactions PostgreSQL holds at their
 * places: each event must be stored with its event id at its (wallet, sequence).
 *
 * <p>It remembers the id of every event found stored, so that the caller can tell whether
 * PostgreSQL holds transactions that no event of the topic accounts for. That set grows with the
 * topic (about 100 bytes an event); a topic of ten million events needs about 1 GB of heap.
 */
final class TopicEventComparison {

    private record Place(WalletId walletId, long sequence) {}

    private final CheckReport report;
    private final Set<UUID> foundEventIds = new HashSet<>();
    private long comparedEvents;
    private long missingEvents;

    TopicEventComparison(CheckReport report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * Compares one chunk.
     *
     * @param topicEvents events as the topic has them
     * @param stored what PostgreSQL holds at those places and under those event ids
     */
    void compare(List<StoredEventPlace> topicEvents, List<StoredEventPlace> stored) {
        Map<Place, StoredEventPlace> byPlace = new HashMap<>();
        Map<UUID, StoredEventPlace> byEventId = new HashMap<>();
        for (StoredEventPlace row : stored) {
            byPlace.put(new Place(row.walletId(), row.sequence()), row);
            byEventId.put(row.eventId(), row);
        }
        for (StoredEventPlace event : topicEvents) {
            compareOne(event, byPlace.get(new Place(event.walletId(), event.sequence())),
                    byEventId.get(event.eventId()));
        }
    }

    private void compareOne(StoredEventPlace event, StoredEventPlace atItsPlace, StoredEventPlace withItsId) {
        comparedEvents++;
        if (atItsPlace != null && atItsPlace.eventId().equals(event.eventId())) {
            foundEventIds.add(event.eventId());
        } else if (withItsId != null) {
            foundEventIds.add(event.eventId());
            report.violation(Kind.EVENT_STORED_ELSEWHERE, describe(event) + " stored_wallet="
                    + withItsId.walletId().value() + " stored_sequence=" + withItsId.sequence());
        } else {
            missingEvents++;
            String occupant = atItsPlace == null ? "" : " other_event_id_at_its_place=" + atItsPlace.eventId();
            report.violation(Kind.EVENT_MISSING_FROM_POSTGRES, describe(event) + occupant);
        }
    }

    private static String describe(StoredEventPlace event) {
        return "wallet=" + event.walletId().value() + " sequence=" + event.sequence() + " event_id=" + event.eventId();
    }

    /** {@return how many topic events were compared} */
    long comparedEvents() {
        return comparedEvents;
    }

    /** {@return how many topic events are stored neither at their place nor elsewhere} */
    long missingEvents() {
        return missingEvents;
    }

    /** {@return how many distinct topic events were found stored} */
    long distinctFoundEvents() {
        return foundEventIds.size();
    }
}

package com.acme.wallet.application.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.check.CheckReport.Kind;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicEventComparisonTest {

    private final CheckReport report = new CheckReport(10);
    private final TopicEventComparison comparison = new TopicEventComparison(report);

    @Test
    void events_stored_with_their_ids_at_their_places_are_found() {
        StoredEventPlace opening = place("alice", 1);
        StoredEventPlace removal = place("alice", 2);

        comparison.compare(List.of(opening, removal), List.of(removal, opening));

        assertThat(report.holds()).isTrue();
        assertThat(comparison.comparedEvents()).isEqualTo(2);
        assertThat(comparison.missingEvents()).isZero();
        assertThat(comparison.distinctFoundEvents()).isEqualTo(2);
    }

    @Test
    void an_event_stored_nowhere_is_missing() {
        StoredEventPlace opening = place("alice", 1);

        comparison.compare(List.of(opening), List.of());

        assertThat(comparison.missingEvents()).isEqualTo(1);
        assertThat(report.lines()).first().isEqualTo(
                "VIOLATION event-missing wallet=alice sequence=1 event_id=" + opening.eventId());
    }

    @Test
    void an_event_whose_place_holds_another_event_is_missing_and_the_other_is_named() {
        StoredEventPlace fromTopic = place("alice", 2);
        StoredEventPlace other = place("alice", 2);

        comparison.compare(List.of(fromTopic), List.of(other));

        assertThat(comparison.missingEvents()).isEqualTo(1);
        assertThat(report.lines()).first().asString().endsWith("other_event_id_at_its_place=" + other.eventId());
    }

    @Test
    void an_event_stored_at_another_place_is_misplaced_but_not_missing() {
        StoredEventPlace fromTopic = place("alice", 2);
        StoredEventPlace stored = new StoredEventPlace(fromTopic.eventId(), WalletId.of("bob"), 7);

        comparison.compare(List.of(fromTopic), List.of(stored));

        assertThat(comparison.missingEvents()).isZero();
        assertThat(report.count(Kind.EVENT_STORED_ELSEWHERE)).isEqualTo(1);
        assertThat(report.lines()).first().asString().endsWith("stored_wallet=bob stored_sequence=7");
    }

    @Test
    void an_event_the_topic_holds_twice_is_found_once() {
        StoredEventPlace opening = place("alice", 1);

        comparison.compare(List.of(opening), List.of(opening));
        comparison.compare(List.of(opening), List.of(opening));

        assertThat(comparison.comparedEvents()).isEqualTo(2);
        assertThat(comparison.distinctFoundEvents()).isEqualTo(1);
        assertThat(report.holds()).isTrue();
    }

    private static StoredEventPlace place(String wallet, long sequence) {
        return new StoredEventPlace(UUID.randomUUID(), WalletId.of(wallet), sequence);
    }
}

package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiPersistedHistoryIT {

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private final TestLog log = new TestLog("persistent://public/default/transactions");

    @Test
    void an_empty_database_has_no_positions_and_no_events() {
        JdbiPersistedHistory history = new JdbiPersistedHistory(database.jdbi());

        assertThat(history.persistedPositions()).isEqualTo(LogPositions.none());
        assertThat(history.persistedEventId(WalletId.of("alice"), 1)).isEmpty();
    }

    @Test
    void the_last_persisted_position_and_the_event_at_each_wallet_s_sequence_are_read_back() {
        LoggedEvent opening = log.open("alice", 1_000);
        LoggedEvent win = log.add("alice", "won-1", 500);
        new JdbiEventStore(database.jdbi(), new TickingClock()).persist(List.of(opening, win));
        JdbiPersistedHistory history = new JdbiPersistedHistory(database.jdbi());

        assertThat(history.persistedPositions()).isEqualTo(LogPositions.of(List.of(win.position())));
        assertThat(history.persistedEventId(WalletId.of("alice"), 2)).contains(win.event().eventId());
        assertThat(history.persistedEventId(WalletId.of("alice"), 3)).isEmpty();
        assertThat(history.persistedEventId(WalletId.of("bob"), 1)).isEmpty();
    }

    @Test
    void the_events_of_refusals_and_tombstones_are_read_back_at_their_sequences_like_any_other() {
        List<LoggedEvent> events = JdbiEventStoreBettingIT.everyOutcome(new DecidingLog(log), "carol");
        new JdbiEventStore(database.jdbi(), new TickingClock()).persist(events);
        JdbiPersistedHistory history = new JdbiPersistedHistory(database.jdbi());

        assertThat(events).allSatisfy(logged -> assertThat(history.persistedEventId(WalletId.of("carol"),
                logged.event().sequence())).contains(logged.event().eventId()));
        assertThat(history.persistedPositions()).isEqualTo(LogPositions.of(List.of(events.get(events.size() - 1)
                .position())));
    }
}

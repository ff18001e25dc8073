package com.acme.wallet.application.history;

import static com.acme.wallet.application.WalletEvents.PARTITION;
import static com.acme.wallet.application.WalletEvents.credit;
import static com.acme.wallet.application.WalletEvents.logged;
import static com.acme.wallet.application.WalletEvents.opened;
import static com.acme.wallet.application.WalletEvents.position;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.FindLoggedEventPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadPersistedHistoryPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OneHistoryCheckTest {

    private final PersistedHistory store = new PersistedHistory();
    private final LogAtPositions log = new LogAtPositions();
    private final OneHistoryCheck check = new OneHistoryCheck(store, log);

    @Test
    void given_nothing_persisted_then_they_agree_and_the_log_is_resumed_from_its_start() {
        HistoryAgreement agreement = check.check();

        assertThat(agreement).isEqualTo(new HistoryAgreement.Agrees(LogPositions.none()));
    }

    @Test
    void given_the_log_holds_the_persisted_event_at_the_persisted_position_then_they_agree() {
        LoggedEvent last = logged(credit("andrei", 2, 500, "r-1"), PARTITION, 7);
        store.persist(opened("andrei", 0), last);
        log.hold(last);

        HistoryAgreement agreement = check.check();

        assertThat(agreement).isEqualTo(new HistoryAgreement.Agrees(LogPositions.of(List.of(last.position()))));
    }

    @Test
    void given_the_log_holds_nothing_at_the_persisted_position_then_they_disagree_with_recovery_steps() {
        LoggedEvent last = logged(credit("andrei", 2, 500, "r-1"), PARTITION, 7);
        store.persist(opened("andrei", 0), last);

        HistoryAgreement agreement = check.check();

        assertThat(agreement).isInstanceOfSatisfying(HistoryAgreement.Disagrees.class, disagrees -> {
            assertThat(disagrees.position()).isEqualTo(last.position());
            assertThat(disagrees.finding()).contains("holds no event there");
            assertThat(disagrees.report()).contains(HistoryAgreement.RECOVERY_STEPS);
        });
    }

    @Test
    void given_the_log_holds_another_event_at_the_persisted_position_then_they_disagree() {
        LoggedEvent persisted = logged(credit("andrei", 2, 500, "r-1"), PARTITION, 7);
        store.persist(opened("andrei", 0), persisted);
        // Another installation's topic: a message at the same id, but a different event.
        log.hold(logged(credit("maria", 2, 500, "r-1"), PARTITION, 7));

        HistoryAgreement agreement = check.check();

        assertThat(agreement).isInstanceOfSatisfying(HistoryAgreement.Disagrees.class,
                disagrees -> assertThat(disagrees.finding()).contains("maria").contains("no event"));
    }

    @Test
    void given_the_same_place_holds_an_event_with_another_id_then_they_disagree() {
        LoggedEvent persisted = logged(credit("andrei", 2, 500, "r-1"), PARTITION, 7);
        store.persist(opened("andrei", 0), persisted);
        FundsChanged sameWalletAndSequence = credit("andrei", 2, 500, "r-1");
        log.hold(new LoggedEvent(withId(sameWalletAndSequence), persisted.position()));

        HistoryAgreement agreement = check.check();

        assertThat(agreement).isInstanceOf(HistoryAgreement.Disagrees.class);
    }

    @Test
    void given_an_unreadable_message_at_the_persisted_position_then_they_disagree_rather_than_fail() {
        LoggedEvent persisted = logged(credit("andrei", 2, 500, "r-1"), PARTITION, 7);
        store.persist(opened("andrei", 0), persisted);
        log.unreadableAt(persisted.position());

        HistoryAgreement agreement = check.check();

        assertThat(agreement).isInstanceOfSatisfying(HistoryAgreement.Disagrees.class,
                disagrees -> assertThat(disagrees.finding()).contains("unreadable"));
    }

    /** An event of the same wallet and sequence with another id, as another history would hold it. */
    private static WalletEvent withId(FundsChanged event) {
        return new FundsChanged(UUID.randomUUID(), event.walletId(), event.sequence(), event.operation(),
                event.amount(), event.reference(), event.occurredAt());
    }

    /** The store: positions and events by wallet and sequence. */
    private static final class PersistedHistory implements ReadPersistedHistoryPort {
        private final Map<String, UUID> eventIds = new HashMap<>();
        private final List<LogPosition> positions = new ArrayList<>();

        void persist(WalletEvent opening, LoggedEvent last) {
            eventIds.put(place(opening.walletId(), opening.sequence()), opening.eventId());
            eventIds.put(place(last.event().walletId(), last.event().sequence()), last.event().eventId());
            positions.add(last.position());
        }

        @Override
        public LogPositions persistedPositions() {
            return LogPositions.of(positions);
        }

        @Override
        public Optional<UUID> persistedEventId(WalletId wallet, long sequence) {
            return Optional.ofNullable(eventIds.get(place(wallet, sequence)));
        }

        private static String place(WalletId wallet, long sequence) {
            return wallet.value() + "#" + sequence;
        }
    }

    /** The log: events at positions, and positions holding unreadable messages. */
    private static final class LogAtPositions implements FindLoggedEventPort {
        private final Map<LogPosition, LoggedEvent> events = new HashMap<>();
        private final List<LogPosition> unreadable = new ArrayList<>();

        void hold(LoggedEvent event) {
            events.put(event.position(), event);
        }

        void unreadableAt(LogPosition position) {
            unreadable.add(position);
        }

        @Override
        public Optional<LoggedEvent> eventAt(LogPosition position) {
            if (unreadable.contains(position)) {
                throw new UnreadableEventException(position, "not JSON", null);
            }
            return Optional.ofNullable(events.get(position));
        }
    }
}

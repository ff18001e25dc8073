package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.cents;
import static com.acme.wallet.domain.WalletFixtures.openingOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.OTHER_PLAYER;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.creditEvent;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.debitEvent;
import static com.acme.wallet.domain.WalletFixtures.openedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reading the log back: {@link Wallet#replay} and {@link Wallet#applyDurable}. A log this service
 * did not write, or one that breaks a money rule, must stop the reader rather than yield wrong money.
 */
class WalletDurableEventsTest {

    @Test
    void replaying_no_events_gives_an_unopened_wallet() {
        Wallet wallet = Wallet.replay(PLAYER, List.of());

        assertThat(wallet.isOpen()).isFalse();
        assertThat(wallet.balanceCents()).isZero();
        assertThat(wallet.lastSequence()).isZero();
    }

    @Test
    void replaying_the_log_gives_the_wallet_built_step_by_step() {
        WalletFixtures.WalletBuilder builder = aWallet().openedWith(1_000)
                .withDebit(300, "bet-1").withCredit(900, "win-1").withDebit(1_600, "withdrawal-1")
                .withCredit(5, "bonus-1");
        Wallet stepByStep = builder.build();

        Wallet replayed = Wallet.replay(PLAYER, builder.durableEvents());

        assertThat(replayed.isOpen()).isTrue();
        assertThat(replayed.balanceCents()).isEqualTo(stepByStep.balanceCents()).isEqualTo(5);
        assertThat(replayed.lastSequence()).isEqualTo(stepByStep.lastSequence()).isEqualTo(5);
        assertThat(replayed.appliedChanges()).containsExactlyInAnyOrderElementsOf(stepByStep.appliedChanges());
        assertThat(replayed.inFlightCount()).isZero();
    }

    @Test
    void a_replayed_wallet_decides_its_next_event_after_the_last_durable_one() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), creditEvent(PLAYER, 2, 100, "d-1")));

        assertThat(creditInFlight(wallet, 100, "d-2").sequence()).isEqualTo(3);
    }

    @Test
    void applying_a_new_event_reports_that_it_changed_the_wallet() {
        Wallet wallet = Wallet.unopened(PLAYER);

        assertThat(wallet.applyDurable(openedEvent(PLAYER, 50))).isTrue();
        assertThat(wallet.applyDurable(creditEvent(PLAYER, 2, 100, "d-1"))).isTrue();
        assertThat(wallet.balanceCents()).isEqualTo(150);
    }

    @Test
    void an_exact_repeat_of_a_change_is_skipped() {
        // The log delivers at least once, so the same event may come twice.
        FundsChanged deposit = creditEvent(PLAYER, 2, 100, "d-1");
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), deposit,
                creditEvent(PLAYER, 3, 50, "d-2")));

        assertThat(wallet.applyDurable(deposit)).isFalse();
        assertThat(wallet.balanceCents()).isEqualTo(150);
        assertThat(wallet.lastSequence()).isEqualTo(3);
        assertThat(wallet.appliedChanges()).hasSize(2);
    }

    @Test
    void an_exact_repeat_of_the_opening_is_skipped() {
        WalletOpened opening = openedEvent(PLAYER, 70);
        Wallet wallet = Wallet.replay(PLAYER, List.of(opening, creditEvent(PLAYER, 2, 30, "d-1")));

        assertThat(wallet.applyDurable(opening)).isFalse();
        assertThat(wallet.balanceCents()).isEqualTo(100);
        assertThat(wallet.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_replay_with_every_event_delivered_twice_gives_the_same_wallet() {
        WalletFixtures.WalletBuilder builder = aWallet().openedWith(10).withCredit(90, "d-1").withDebit(40, "b-1");
        Wallet once = builder.build();
        List<WalletEvent> twice = new ArrayList<>();
        for (WalletEvent event : builder.durableEvents()) {
            twice.add(event);
            twice.add(event);
        }

        Wallet replayed = Wallet.replay(PLAYER, twice);

        assertThat(replayed.balanceCents()).isEqualTo(once.balanceCents()).isEqualTo(60);
        assertThat(replayed.appliedChanges()).containsExactlyInAnyOrderElementsOf(once.appliedChanges());
    }

    @Test
    void a_gap_in_the_sequence_is_accepted_because_a_lost_append_leaves_one() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0),
                creditEvent(PLAYER, 2, 100, "d-1"), creditEvent(PLAYER, 5, 100, "d-4")));

        assertThat(wallet.balanceCents()).isEqualTo(200);
        assertThat(wallet.lastSequence()).isEqualTo(5);
        assertThat(creditInFlight(wallet, 1, "d-5").sequence()).isEqualTo(6);
    }

    @Test
    void an_event_behind_the_sequence_that_is_no_repeat_is_refused() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0),
                creditEvent(PLAYER, 2, 100, "d-1"), creditEvent(PLAYER, 3, 100, "d-2")));

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 2, 100, "d-other")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is behind sequence 3 but is no repeat");
        assertThat(wallet.balanceCents()).isEqualTo(200);
    }

    @Test
    void a_repeated_reference_and_sequence_with_another_amount_is_no_repeat() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), creditEvent(PLAYER, 2, 100, "d-1")));

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 2, 999, "d-1")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> wallet.applyDurable(debitEvent(PLAYER, 2, 100, "d-1")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balanceCents()).isEqualTo(100);
    }

    @Test
    void the_same_request_at_the_same_place_under_another_event_id_is_no_repeat() {
        // A repeat is decided by the event id, as in the store: two events at one place are two
        // histories of the wallet (a sequence decided twice), even when they ask for the same money.
        FundsChanged deposit = creditEvent(PLAYER, 2, 100, "d-1");
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), deposit));
        FundsChanged sameRequestAnotherEvent = new FundsChanged(UUID.randomUUID(), PLAYER, 2, FundsOperation.ADD,
                cents(100), ref("d-1"), deposit.occurredAt());

        assertThatThrownBy(() -> wallet.applyDurable(sameRequestAnotherEvent))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no repeat");
        assertThat(wallet.balanceCents()).isEqualTo(100);
    }

    @Test
    void an_event_id_that_comes_again_with_other_content_is_refused() {
        FundsChanged deposit = creditEvent(PLAYER, 2, 100, "d-1");
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), deposit));
        FundsChanged sameIdOtherAmount = new FundsChanged(deposit.eventId(), PLAYER, 2, FundsOperation.ADD,
                cents(999), ref("d-1"), deposit.occurredAt());

        assertThatThrownBy(() -> wallet.applyDurable(sameIdOtherAmount))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("other content");
    }

    @Test
    void an_opening_under_another_event_id_is_no_repeat_and_one_with_another_amount_is_refused() {
        WalletOpened opening = openedEvent(PLAYER, 70);
        Wallet wallet = Wallet.replay(PLAYER, List.of(opening));

        assertThatThrownBy(() -> wallet.applyDurable(openedEvent(PLAYER, 70)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no repeat");
        assertThatThrownBy(() -> wallet.applyDurable(new WalletOpened(opening.eventId(), PLAYER, 1, cents(71),
                opening.occurredAt()))).isInstanceOf(IllegalStateException.class).hasMessageContaining("another amount");
    }

    @Test
    void the_same_change_at_another_sequence_behind_the_last_is_no_repeat() {
        // A repeat is the same event at the same place in the log; the same request elsewhere means
        // the log holds the reference twice, which no writer of this service would append.
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0),
                creditEvent(PLAYER, 2, 100, "d-1"), creditEvent(PLAYER, 3, 100, "d-2")));

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 3, 100, "d-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is behind sequence 3 but is no repeat");
        assertThat(wallet.balanceCents()).isEqualTo(200);
    }

    @Test
    void a_debit_that_would_make_the_balance_negative_is_refused() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 100)));

        assertThatThrownBy(() -> wallet.applyDurable(debitEvent(PLAYER, 2, 101, "b-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would go negative");
        assertThat(wallet.balanceCents()).isEqualTo(100);
        assertThat(wallet.lastSequence()).isEqualTo(1);
    }

    @Test
    void a_credit_that_would_pass_the_maximum_balance_is_refused() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), Wallet.MAX_BALANCE_CENTS - 10, 1, List.of());

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 2, 11, "d-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maximum balance");
        assertThat(wallet.balanceCents()).isEqualTo(Wallet.MAX_BALANCE_CENTS - 10);
    }

    @Test
    void a_reference_applied_a_second_time_is_refused() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0), creditEvent(PLAYER, 2, 100, "d-1")));

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 3, 100, "d-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applies reference d-1 twice");
        assertThat(wallet.balanceCents()).isEqualTo(100);
    }

    @Test
    void a_change_before_the_opening_is_refused() {
        Wallet wallet = Wallet.unopened(PLAYER);

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 2, 100, "d-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it was opened");
        assertThat(wallet.isOpen()).isFalse();
        assertThat(wallet.balanceCents()).isZero();
    }

    @Test
    void an_event_of_another_wallet_is_refused() {
        Wallet wallet = Wallet.replay(PLAYER, List.of(openedEvent(PLAYER, 0)));

        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(OTHER_PLAYER, 2, 100, "d-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event of player-2 applied to player-1");
        assertThatThrownBy(() -> Wallet.replay(PLAYER, List.of(openedEvent(OTHER_PLAYER, 0))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balanceCents()).isZero();
    }

    @Test
    void replay_stops_at_the_first_event_that_breaks_a_money_rule() {
        List<WalletEvent> log = List.of(openedEvent(PLAYER, 0), creditEvent(PLAYER, 2, 100, "d-1"),
                debitEvent(PLAYER, 3, 150, "b-1"), creditEvent(PLAYER, 4, 100, "d-2"));

        assertThatThrownBy(() -> Wallet.replay(PLAYER, log)).isInstanceOf(IllegalStateException.class);
    }
}

package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.FIXED_TIME;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.decideCredit;
import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalletOpeningTest {

    @Test
    void a_new_wallet_has_balance_zero_and_its_owner() {
        Wallet wallet = Wallet.unopened(PLAYER);

        WalletEvent opening = eventOf(wallet.decideOpen(Amount.ZERO, stamp()));
        long balanceCents = wallet.confirm(opening);

        assertThat(balanceCents).isZero();
        assertThat(wallet.balanceCents()).isZero();
        assertThat(wallet.id()).isEqualTo(PLAYER);
        assertThat(wallet.isOpen()).isTrue();
        assertThat(wallet.appliedChanges()).isEmpty();
    }

    @Test
    void a_wallet_may_open_with_money() {
        Wallet wallet = aWallet().openedWith(2_500).build();

        assertThat(wallet.balanceCents()).isEqualTo(2_500);
        assertThat(wallet.availableCents()).isEqualTo(2_500);
    }

    @Test
    void the_opening_event_is_the_first_of_the_wallet_and_carries_the_given_stamp() {
        Wallet wallet = Wallet.unopened(PLAYER);
        EventStamp stamp = stamp();

        WalletEvent event = eventOf(wallet.decideOpen(Amount.ofCents(700), stamp));

        assertThat(event).isEqualTo(new WalletOpened(stamp.eventId(), PLAYER, 1, Amount.ofCents(700), FIXED_TIME));
    }

    @Test
    void a_wallet_is_not_open_until_the_log_confirms_its_opening() {
        Wallet wallet = Wallet.unopened(PLAYER);

        wallet.decideOpen(Amount.ofCents(700), stamp());

        assertThat(wallet.isOpen()).isFalse();
        assertThat(wallet.balanceCents()).isZero();
        assertThat(wallet.lastSequence()).isZero();
        assertThat(wallet.inFlightCount()).isEqualTo(1);
    }

    @Test
    void an_unopened_wallet_holds_nothing() {
        Wallet wallet = Wallet.unopened(PLAYER);

        assertThat(wallet.isOpen()).isFalse();
        assertThat(wallet.balanceCents()).isZero();
        assertThat(wallet.lastSequence()).isZero();
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void opening_an_open_wallet_is_answered_already_exists_and_changes_nothing() {
        Wallet wallet = aWallet().openedWith(100).build();

        OpenOutcome outcome = outcomeOf(wallet.decideOpen(Amount.ofCents(999), stamp()));

        assertThat(outcome).isEqualTo(new OpenOutcome.AlreadyExists(PLAYER));
        assertThat(wallet.balanceCents()).isEqualTo(100);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void opening_again_while_the_opening_is_in_flight_awaits_the_first_opening() {
        Wallet wallet = Wallet.unopened(PLAYER);
        wallet.decideOpen(Amount.ofCents(100), stamp());

        Decision<OpenOutcome> second = wallet.decideOpen(Amount.ofCents(100), stamp());

        assertThat(second).isEqualTo(new Decision.AwaitInFlight<OpenOutcome>(WalletEvent.FIRST_SEQUENCE));
        assertThat(wallet.inFlightCount()).isEqualTo(1);
    }

    @Test
    void a_funds_change_on_an_unopened_wallet_is_answered_wallet_not_found() {
        Wallet wallet = Wallet.unopened(PLAYER);

        ChangeOutcome outcome = outcomeOf(decideCredit(wallet, 100, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.WalletNotFound(PLAYER));
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void a_funds_change_is_answered_wallet_not_found_while_the_opening_is_only_in_flight() {
        // Only a durable opening makes a wallet exist; a change must not be ordered behind a maybe.
        Wallet wallet = Wallet.unopened(PLAYER);
        wallet.decideOpen(Amount.ZERO, stamp());

        ChangeOutcome outcome = outcomeOf(decideCredit(wallet, 100, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.WalletNotFound(PLAYER));
        assertThat(wallet.inFlightCount()).isEqualTo(1);
    }

    @Test
    void opening_requires_an_amount() {
        Wallet wallet = Wallet.unopened(PLAYER);

        assertThatThrownBy(() -> wallet.decideOpen(null, stamp())).isInstanceOf(NullPointerException.class);
        assertThat(wallet.inFlightCount()).isZero();
    }
}

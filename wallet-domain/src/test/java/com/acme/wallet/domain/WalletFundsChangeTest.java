package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.FIXED_TIME;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.assertRefused;
import static com.acme.wallet.domain.WalletFixtures.cents;
import static com.acme.wallet.domain.WalletFixtures.credit;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.debit;
import static com.acme.wallet.domain.WalletFixtures.decideDebit;
import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalletFundsChangeTest {

    @Test
    void credits_add_up() {
        Wallet wallet = aWallet().build();

        credit(wallet, 1_000, "deposit-1");
        credit(wallet, 250, "wonbet-2");
        long balanceCents = credit(wallet, 5, "bonus-3");

        assertThat(balanceCents).isEqualTo(1_255);
        assertThat(wallet.balanceCents()).isEqualTo(1_255);
    }

    @Test
    void a_debit_subtracts() {
        Wallet wallet = aWallet().withCredit(1_000, "deposit-1").build();

        long balanceCents = debit(wallet, 300, "bet-1");

        assertThat(balanceCents).isEqualTo(700);
        assertThat(wallet.balanceCents()).isEqualTo(700);
    }

    @Test
    void debit_is_rejected_when_balance_is_insufficient() {
        Wallet wallet = aWallet().withCredit(1_000, "deposit-1").build();

        // A rejection is an answer, not a failure: it says what could have been spent, and it is the
        // reference's outcome for good, so it is recorded like a change that moves nothing.
        RequestRefused refusal = assertRefused(decideDebit(wallet, 1_001, "bet-1"), RefusalCode.INSUFFICIENT_FUNDS, 1_000);
        wallet.confirm(refusal);

        assertThat(wallet.balanceCents()).isEqualTo(1_000);
        assertThat(wallet.appliedChange(ref("bet-1"))).isEmpty();
        assertThat(wallet.entry(ref("bet-1"))).hasValueSatisfying(entry -> assertThat(entry.event()).isEqualTo(refusal));
        credit(wallet, 5_000, "deposit-2");
        assertThat(outcomeOf(decideDebit(wallet, 1_001, "bet-1")))
                .as("refused for good, even once the money is there")
                .isEqualTo(new ChangeOutcome.Refused(wallet.entry(ref("bet-1")).orElseThrow(), true));
    }

    @Test
    void a_debit_on_an_empty_wallet_is_rejected() {
        Wallet wallet = aWallet().build();

        assertRefused(decideDebit(wallet, 1, "bet-1"), RefusalCode.INSUFFICIENT_FUNDS, 0);
    }

    @Test
    void a_debit_of_the_whole_balance_leaves_exactly_zero() {
        Wallet wallet = aWallet().openedWith(400).build();

        assertThat(debit(wallet, 400, "bet-all")).isZero();
    }

    @Test
    void an_accepted_change_becomes_an_event_carrying_the_request_and_the_stamp() {
        Wallet wallet = aWallet().build();
        EventStamp stamp = stamp();

        WalletEvent event = eventOf(wallet.decideChange(FundsOperation.ADD, cents(300), ref("deposit-1"), stamp));

        assertThat(event).isEqualTo(new FundsChanged(stamp.eventId(), PLAYER, 2, FundsOperation.ADD, cents(300),
                ref("deposit-1"), FIXED_TIME));
    }

    @Test
    void an_accepted_change_takes_effect_only_when_confirmed() {
        Wallet wallet = aWallet().build();

        FundsChanged event = creditInFlight(wallet, 300, "deposit-1");

        assertThat(wallet.balanceCents()).isZero();
        assertThat(wallet.lastSequence()).isEqualTo(1);
        assertThat(wallet.appliedChange(ref("deposit-1"))).isEmpty();

        wallet.confirm(event);

        assertThat(wallet.balanceCents()).isEqualTo(300);
        assertThat(wallet.lastSequence()).isEqualTo(2);
    }

    @Test
    void a_confirmed_change_is_remembered_with_the_balance_it_left() {
        Wallet wallet = aWallet().openedWith(1_000).build();

        FundsChanged event = (FundsChanged) eventOf(decideDebit(wallet, 300, "bet-1"));
        wallet.confirm(event);

        AppliedChange expected = new AppliedChange(event.eventId(), PLAYER, ref("bet-1"), FundsOperation.REMOVE, cents(300),
                event.sequence(), 700, FIXED_TIME);
        assertThat(wallet.appliedChange(ref("bet-1"))).contains(expected);
        assertThat(wallet.appliedChanges()).containsExactly(expected);
    }

    @Test
    void sequence_numbers_start_at_one_and_strictly_increase() {
        Wallet wallet = Wallet.unopened(PLAYER);

        WalletEvent opening = eventOf(wallet.decideOpen(Amount.ZERO, stamp()));
        wallet.confirm(opening);
        WalletEvent first = creditInFlight(wallet, 100, "deposit-1");
        WalletEvent second = creditInFlight(wallet, 100, "deposit-2");
        wallet.confirm(first);
        WalletEvent third = creditInFlight(wallet, 100, "deposit-3");

        assertThat(opening.sequence()).isEqualTo(1);
        assertThat(first.sequence()).isEqualTo(2);
        assertThat(second.sequence()).isEqualTo(3);
        assertThat(third.sequence()).isEqualTo(4);
    }

    @Test
    void a_refusal_takes_the_next_sequence_number_as_any_recorded_outcome_does() {
        Wallet wallet = aWallet().build();

        RequestRefused refusal = assertRefused(decideDebit(wallet, 100, "bet-1"), RefusalCode.INSUFFICIENT_FUNDS, 0);
        WalletEvent next = creditInFlight(wallet, 100, "deposit-1");

        assertThat(refusal.sequence()).isEqualTo(2);
        assertThat(next.sequence()).isEqualTo(3);
    }

    @Test
    void a_change_that_moves_no_money_is_a_bug_of_the_caller() {
        Wallet wallet = aWallet().build();

        assertThatThrownBy(() -> wallet.decideChange(FundsOperation.ADD, Amount.ZERO, ref("nothing"), stamp()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void a_change_needs_an_operation_and_a_reference() {
        Wallet wallet = aWallet().build();

        assertThatThrownBy(() -> wallet.decideChange(null, cents(1), ref("r"), stamp()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> wallet.decideChange(FundsOperation.ADD, cents(1), null, stamp()))
                .isInstanceOf(NullPointerException.class);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void the_applied_changes_cannot_be_altered_through_the_view() {
        Wallet wallet = aWallet().withCredit(100, "deposit-1").build();

        assertThatThrownBy(() -> wallet.appliedChanges().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(wallet.appliedChanges()).hasSize(1);
    }
}

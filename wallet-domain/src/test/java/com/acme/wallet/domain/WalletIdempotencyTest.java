package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.openingOf;
import static com.acme.wallet.domain.WalletFixtures.OTHER_PLAYER;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.appliedChange;
import static com.acme.wallet.domain.WalletFixtures.credit;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.debitInFlight;
import static com.acme.wallet.domain.WalletFixtures.decideCredit;
import static com.acme.wallet.domain.WalletFixtures.decideDebit;
import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A client reuses its reference on every retry; these tests pin what a retry gets back. */
class WalletIdempotencyTest {

    @Test
    void retrying_a_durable_credit_replays_the_original_result_with_its_original_balance() {
        Wallet wallet = aWallet().withCredit(500, "deposit-1").withCredit(300, "deposit-2").build();
        AppliedChange original = wallet.appliedChange(ref("deposit-1")).orElseThrow();

        ChangeOutcome outcome = outcomeOf(decideCredit(wallet, 500, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.Replayed(original));
        assertThat(((ChangeOutcome.Replayed) outcome).change().balanceAfterCents())
                .as("the balance right after the first attempt, not the current one")
                .isEqualTo(500);
        assertThat(wallet.balanceCents()).isEqualTo(800);
        assertThat(wallet.lastSequence()).isEqualTo(3);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void retrying_a_durable_debit_replays_it_even_when_the_money_is_gone_now() {
        Wallet wallet = aWallet().openedWith(1_000).withDebit(600, "bet-1").withDebit(400, "bet-2").build();

        ChangeOutcome outcome = outcomeOf(decideDebit(wallet, 600, "bet-1"));

        // The bet was placed; telling the client "insufficient funds" now would be a lie.
        assertThat(outcome).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(((ChangeOutcome.Replayed) outcome).change().balanceAfterCents()).isEqualTo(400);
        assertThat(wallet.balanceCents()).isZero();
    }

    @Test
    void retrying_a_durable_credit_replays_it_even_at_the_balance_limit() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), Wallet.MAX_BALANCE_CENTS, 2, List.of(
                appliedChange(PLAYER, "jackpot", FundsOperation.ADD, 1_000, 2, Wallet.MAX_BALANCE_CENTS).entry()));

        assertThat(outcomeOf(decideCredit(wallet, 1_000, "jackpot"))).isInstanceOf(ChangeOutcome.Replayed.class);
    }

    @Test
    void the_same_reference_with_another_amount_is_a_conflict() {
        Wallet wallet = aWallet().withCredit(500, "deposit-1").build();

        ChangeOutcome outcome = outcomeOf(decideCredit(wallet, 501, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("deposit-1")));
        assertThat(wallet.balanceCents()).isEqualTo(500);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void the_same_reference_with_the_other_operation_is_a_conflict() {
        Wallet wallet = aWallet().withCredit(500, "deposit-1").build();

        ChangeOutcome outcome = outcomeOf(decideDebit(wallet, 500, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("deposit-1")));
        assertThat(wallet.balanceCents()).isEqualTo(500);
    }

    @Test
    void the_identical_request_while_the_first_is_in_flight_awaits_it() {
        Wallet wallet = aWallet().withCredit(100, "deposit-0").build();
        FundsChanged first = creditInFlight(wallet, 500, "deposit-1");

        Decision<ChangeOutcome> retry = decideCredit(wallet, 500, "deposit-1");

        assertThat(retry).isEqualTo(new Decision.AwaitInFlight<ChangeOutcome>(first.sequence()));
        assertThat(first.sequence()).isEqualTo(3);
        assertThat(wallet.inFlightCount()).as("no second event").isEqualTo(1);
    }

    @Test
    void an_identical_debit_in_flight_is_awaited_rather_than_checked_against_the_money_again() {
        Wallet wallet = aWallet().openedWith(500).build();
        FundsChanged first = debitInFlight(wallet, 500, "bet-1");

        assertThat(decideDebit(wallet, 500, "bet-1"))
                .isEqualTo(new Decision.AwaitInFlight<ChangeOutcome>(first.sequence()));
    }

    @Test
    void a_conflicting_request_while_the_first_is_in_flight_is_a_conflict() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        creditInFlight(wallet, 500, "deposit-1");

        assertThat(outcomeOf(decideCredit(wallet, 400, "deposit-1")))
                .isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("deposit-1")));
        assertThat(outcomeOf(decideDebit(wallet, 500, "deposit-1")))
                .isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("deposit-1")));
        assertThat(wallet.inFlightCount()).isEqualTo(1);
    }

    @Test
    void once_the_first_is_confirmed_the_identical_request_is_replayed() {
        Wallet wallet = aWallet().build();
        FundsChanged first = creditInFlight(wallet, 500, "deposit-1");
        wallet.confirm(first);

        ChangeOutcome outcome = outcomeOf(decideCredit(wallet, 500, "deposit-1"));

        assertThat(outcome).isEqualTo(new ChangeOutcome.Replayed(AppliedChange.of(first, 500)));
    }

    @Test
    void a_reference_belongs_to_one_wallet_only() {
        Wallet mine = aWallet().build();
        Wallet other = aWallet().withId(OTHER_PLAYER).build();
        credit(mine, 100, "deposit-1");

        WalletEvent otherEvent = eventOf(decideCredit(other, 100, "deposit-1"));

        assertThat(otherEvent.walletId()).isEqualTo(OTHER_PLAYER);
        assertThat(other.balanceCents()).isZero();
    }

    @Test
    void a_replay_after_restore_returns_the_change_the_snapshot_holds() {
        AppliedChange stored = appliedChange(PLAYER, "wonbet-111", FundsOperation.ADD, 250, 7, 900);
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 1_200, 9, List.of(stored.entry()));

        assertThat(outcomeOf(decideCredit(wallet, 250, "wonbet-111"))).isEqualTo(new ChangeOutcome.Replayed(stored));
        assertThat(outcomeOf(decideCredit(wallet, 251, "wonbet-111")))
                .isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("wonbet-111")));
    }
}

package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.assertRefused;
import static com.acme.wallet.domain.WalletFixtures.creditEvent;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.debitInFlight;
import static com.acme.wallet.domain.WalletFixtures.decideCredit;
import static com.acme.wallet.domain.WalletFixtures.decideDebit;
import static com.acme.wallet.domain.WalletFixtures.openingOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many changes of one wallet may await the log at once. Each is decided so that the money rules
 * hold whichever of them end up durable.
 */
class WalletInFlightTest {

    private static final long MAX = Wallet.MAX_BALANCE_CENTS;

    @Test
    void a_debit_in_flight_reduces_what_the_next_debit_may_spend() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        debitInFlight(wallet, 600, "bet-1");

        assertThat(wallet.availableCents()).isEqualTo(400);
        assertThat(wallet.balanceCents()).as("durable balance untouched until confirmed").isEqualTo(1_000);
        assertRefused(decideDebit(wallet, 401, "bet-2"), RefusalCode.INSUFFICIENT_FUNDS, 400);
    }

    @Test
    void debits_in_flight_may_together_spend_the_whole_balance_but_not_more() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        debitInFlight(wallet, 600, "bet-1");
        debitInFlight(wallet, 400, "bet-2");

        assertThat(wallet.availableCents()).isZero();
        assertRefused(decideDebit(wallet, 1, "bet-3"), RefusalCode.INSUFFICIENT_FUNDS, 0);
        assertThat(wallet.availableCents()).as("the refusal in flight promises nothing").isZero();
    }

    @Test
    void a_credit_in_flight_is_not_spendable() {
        // If the log loses the credit, a debit that relied on it would leave the balance negative.
        Wallet wallet = aWallet().openedWith(100).build();
        creditInFlight(wallet, 1_000, "deposit-1");

        assertThat(wallet.availableCents()).isEqualTo(100);
        assertRefused(decideDebit(wallet, 101, "bet-1"), RefusalCode.INSUFFICIENT_FUNDS, 100);
    }

    @Test
    void a_credit_becomes_spendable_once_confirmed() {
        Wallet wallet = aWallet().openedWith(100).build();
        FundsChanged deposit = creditInFlight(wallet, 1_000, "deposit-1");
        wallet.confirm(deposit);

        assertThat(wallet.availableCents()).isEqualTo(1_100);
        assertThat(decideDebit(wallet, 1_100, "bet-1")).isInstanceOf(Decision.Append.class);
    }

    @Test
    void confirming_a_debit_moves_it_from_promised_to_spent_without_changing_what_is_available() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        FundsChanged bet = debitInFlight(wallet, 300, "bet-1");

        long balanceCents = wallet.confirm(bet);

        assertThat(balanceCents).isEqualTo(700);
        assertThat(wallet.availableCents()).isEqualTo(700);
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void confirm_returns_the_durable_balance_after_each_event_in_order() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        FundsChanged bet = debitInFlight(wallet, 300, "bet-1");
        FundsChanged win = creditInFlight(wallet, 900, "win-1");
        FundsChanged bet2 = debitInFlight(wallet, 700, "bet-2");

        assertThat(List.of(wallet.confirm(bet), wallet.confirm(win), wallet.confirm(bet2)))
                .containsExactly(700L, 1_600L, 900L);
    }

    @Test
    void confirming_out_of_order_is_refused_and_changes_nothing() {
        Wallet wallet = aWallet().openedWith(1_000).build();
        debitInFlight(wallet, 300, "bet-1");
        FundsChanged second = debitInFlight(wallet, 200, "bet-2");

        assertThatThrownBy(() -> wallet.confirm(second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("confirmed out of order");
        assertThat(wallet.inFlightCount()).isEqualTo(2);
        assertThat(wallet.balanceCents()).isEqualTo(1_000);
        assertThat(wallet.availableCents()).isEqualTo(500);
    }

    @Test
    void confirming_with_nothing_in_flight_is_refused() {
        Wallet wallet = aWallet().build();

        assertThatThrownBy(() -> wallet.confirm(creditEvent(PLAYER, 2, 100, "deposit-1")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balanceCents()).isZero();
    }

    @Test
    void confirming_an_event_the_wallet_did_not_decide_is_refused() {
        Wallet wallet = aWallet().build();
        creditInFlight(wallet, 100, "deposit-1");
        // Same wallet, sequence, operation, amount and reference, but another event id.
        FundsChanged lookalike = creditEvent(PLAYER, 2, 100, "deposit-1");

        assertThatThrownBy(() -> wallet.confirm(lookalike)).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.inFlightCount()).isEqualTo(1);
    }

    @Test
    void confirming_the_same_event_twice_is_refused() {
        Wallet wallet = aWallet().build();
        FundsChanged deposit = creditInFlight(wallet, 100, "deposit-1");
        wallet.confirm(deposit);

        assertThatThrownBy(() -> wallet.confirm(deposit)).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balanceCents()).isEqualTo(100);
    }

    @Test
    void a_credit_up_to_exactly_the_maximum_balance_is_accepted() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX - 100, 1, List.of());

        FundsChanged credit = creditInFlight(wallet, 100, "top-up");

        assertThat(wallet.confirm(credit)).isEqualTo(MAX);
    }

    @Test
    void a_credit_past_the_maximum_balance_is_rejected() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX - 100, 1, List.of());

        RequestRefused refusal = assertRefused(decideCredit(wallet, 101, "top-up"), RefusalCode.BALANCE_LIMIT_EXCEEDED);
        assertThat(wallet.confirm(refusal)).isEqualTo(MAX - 100);
    }

    @Test
    void credits_in_flight_count_against_the_maximum_balance() {
        // Every credit in flight may become durable, so all of them together must fit.
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX - 1_000, 1, List.of());
        creditInFlight(wallet, 600, "win-1");

        assertRefused(decideCredit(wallet, 401, "win-2"), RefusalCode.BALANCE_LIMIT_EXCEEDED);
        assertThat(decideCredit(wallet, 400, "win-3")).isInstanceOf(Decision.Append.class);
        assertRefused(decideCredit(wallet, 1, "win-4"), RefusalCode.BALANCE_LIMIT_EXCEEDED);
    }

    @Test
    void debits_in_flight_make_no_room_for_credits() {
        // The debit may be lost, so the credit must fit even without it.
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX, 1, List.of());
        debitInFlight(wallet, 5_000, "withdrawal-1");

        assertRefused(decideCredit(wallet, 1, "win-1"), RefusalCode.BALANCE_LIMIT_EXCEEDED);
    }

    @Test
    void a_confirmed_debit_makes_room_for_credits() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX, 1, List.of());
        wallet.confirm(debitInFlight(wallet, 5_000, "withdrawal-1"));

        assertThat(decideCredit(wallet, 5_000, "win-1")).isInstanceOf(Decision.Append.class);
    }

    @Test
    void a_debit_is_still_allowed_at_the_maximum_balance() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), MAX, 1, List.of());

        assertThat(decideDebit(wallet, Amount.MAX_CENTS, "withdrawal-1")).isInstanceOf(Decision.Append.class);
    }
}

package com.acme.wallet.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {

    @Test
    void zero_is_a_valid_amount_but_not_a_positive_one() {
        assertThat(Amount.ofCents(0)).isEqualTo(Amount.ZERO);
        assertThat(Amount.ZERO.isPositive()).isFalse();
    }

    @Test
    void the_largest_amount_is_ten_billion_units_of_currency() {
        assertThat(Amount.MAX_CENTS).isEqualTo(1_000_000_000_000L);
        assertThat(Amount.ofCents(1_000_000_000_000L).cents()).isEqualTo(1_000_000_000_000L);
        assertThat(Amount.positive(1_000_000_000_000L).isPositive()).isTrue();
    }

    @Test
    void one_cent_above_the_largest_amount_is_rejected() {
        assertThatThrownBy(() -> Amount.ofCents(1_000_000_000_001L))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount must be at most 1000000000000 cents");
        assertThatThrownBy(() -> Amount.positive(1_000_000_000_001L))
                .isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -100, Long.MIN_VALUE})
    void a_negative_amount_is_rejected(long cents) {
        assertThatThrownBy(() -> Amount.ofCents(cents))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount must not be negative");
    }

    @Test
    void the_largest_long_is_rejected_so_no_sum_can_overflow() {
        assertThatThrownBy(() -> Amount.ofCents(Long.MAX_VALUE)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void a_change_amount_must_be_above_zero(long cents) {
        assertThatThrownBy(() -> Amount.positive(cents))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("amount must be greater than zero");
    }

    @Test
    void one_cent_is_the_smallest_positive_amount() {
        assertThat(Amount.positive(1).cents()).isEqualTo(1);
        assertThat(Amount.positive(1).isPositive()).isTrue();
    }

    @Test
    void amounts_are_values_whatever_factory_made_them() {
        assertThat(Amount.positive(250)).isEqualTo(Amount.ofCents(250)).isEqualTo(new Amount(250));
        assertThat(Amount.positive(250)).hasToString("250 cents");
    }
}

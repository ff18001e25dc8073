package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.FIXED_TIME;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.cents;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Events are checked when built, so a malformed one never reaches the log or a wallet. */
class WalletEventsTest {

    private static final UUID EVENT_ID = new UUID(0, 42);

    @Test
    void a_wallet_is_opened_only_by_its_first_event() {
        assertThat(new WalletOpened(EVENT_ID, PLAYER, 1, Amount.ZERO, FIXED_TIME).sequence()).isEqualTo(1);
        assertThatThrownBy(() -> new WalletOpened(EVENT_ID, PLAYER, 2, Amount.ZERO, FIXED_TIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WalletOpened(EVENT_ID, PLAYER, 0, Amount.ZERO, FIXED_TIME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_funds_change_comes_after_the_opening() {
        assertThatThrownBy(() -> new FundsChanged(EVENT_ID, PLAYER, 1, FundsOperation.ADD, cents(1), ref("r"),
                FIXED_TIME)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FundsChanged(EVENT_ID, PLAYER, 2, FundsOperation.ADD, cents(1), ref("r"), FIXED_TIME)
                .sequence()).isEqualTo(2);
    }

    @Test
    void a_funds_change_must_move_money() {
        assertThatThrownBy(() -> new FundsChanged(EVENT_ID, PLAYER, 2, FundsOperation.REMOVE, Amount.ZERO, ref("r"),
                FIXED_TIME)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_funds_change_has_every_part() {
        assertThatThrownBy(() -> new FundsChanged(EVENT_ID, PLAYER, 2, FundsOperation.ADD, cents(1), null,
                FIXED_TIME)).isInstanceOf(NullPointerException.class).hasMessage("reference");
        assertThatThrownBy(() -> new FundsChanged(null, PLAYER, 2, FundsOperation.ADD, cents(1), ref("r"),
                FIXED_TIME)).isInstanceOf(NullPointerException.class).hasMessage("eventId");
        assertThatThrownBy(() -> new FundsChanged(EVENT_ID, null, 2, FundsOperation.ADD, cents(1), ref("r"),
                FIXED_TIME)).isInstanceOf(NullPointerException.class).hasMessage("walletId");
    }

    @Test
    void a_stamp_has_an_id_and_a_time() {
        assertThatThrownBy(() -> new EventStamp(null, FIXED_TIME)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new EventStamp(EVENT_ID, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void an_applied_change_copies_its_event_and_the_balance_after() {
        FundsChanged event = new FundsChanged(EVENT_ID, PLAYER, 4, FundsOperation.REMOVE, cents(30), ref("bet-9"),
                FIXED_TIME);

        assertThat(AppliedChange.of(event, 70)).isEqualTo(
                new AppliedChange(EVENT_ID, PLAYER, ref("bet-9"), FundsOperation.REMOVE, cents(30), 4, 70, FIXED_TIME));
    }
}

package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.OTHER_PLAYER;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.appliedChange;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.openingOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.LedgerEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot is loaded back from storage, so it is checked as strictly as the log is. */
class WalletRestoreTest {

    private static final AppliedChange DEPOSIT =
            appliedChange(PLAYER, "deposit-1", FundsOperation.ADD, 1_000, 2, 1_000);
    private static final AppliedChange BET =
            appliedChange(PLAYER, "bet-1", FundsOperation.REMOVE, 400, 3, 600);

    @Test
    void a_restored_wallet_holds_the_snapshots_state() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 600, 3, entries(DEPOSIT, BET));

        assertThat(wallet.isOpen()).isTrue();
        assertThat(wallet.id()).isEqualTo(PLAYER);
        assertThat(wallet.balanceCents()).isEqualTo(600);
        assertThat(wallet.availableCents()).isEqualTo(600);
        assertThat(wallet.lastSequence()).isEqualTo(3);
        assertThat(wallet.inFlightCount()).isZero();
        assertThat(wallet.appliedChanges()).containsExactlyInAnyOrder(DEPOSIT, BET);
        assertThat(wallet.appliedChange(ref("bet-1"))).contains(BET);
    }

    @Test
    void a_restored_wallet_continues_after_its_last_sequence() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 600, 9, entries(DEPOSIT, BET));

        assertThat(creditInFlight(wallet, 1, "deposit-2").sequence()).isEqualTo(10);
    }

    @Test
    void a_wallet_opened_with_no_changes_yet_can_be_restored() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 250, 1, List.of());

        assertThat(wallet.isOpen()).isTrue();
        assertThat(wallet.balanceCents()).isEqualTo(250);
    }

    @Test
    void a_restored_wallet_does_not_share_the_callers_collection() {
        List<AppliedChange> changes = new ArrayList<>(List.of(DEPOSIT));
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 1_000, 2, changes.stream().map(AppliedChange::entry).toList());

        changes.add(BET);

        assertThat(wallet.appliedChanges()).containsExactly(DEPOSIT);
    }

    @Test
    void a_snapshot_with_a_negative_balance_is_refused() {
        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), -1, 3, entries(DEPOSIT, BET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative balance");
    }

    @Test
    void a_snapshot_above_the_maximum_balance_is_refused() {
        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), Wallet.MAX_BALANCE_CENTS + 1, 1, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("above the maximum balance");
    }

    @Test
    void a_snapshot_applying_a_reference_twice_is_refused() {
        AppliedChange sameReferenceAgain = appliedChange(PLAYER, "deposit-1", FundsOperation.ADD, 1_000, 3, 2_000);

        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), 2_000, 3, entries(DEPOSIT, sameReferenceAgain)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applies reference deposit-1 twice");
    }

    @Test
    void a_snapshot_holding_a_change_of_another_wallet_is_refused() {
        AppliedChange foreign = appliedChange(OTHER_PLAYER, "deposit-9", FundsOperation.ADD, 5, 2, 5);

        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), 5, 2, entries(foreign)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds a change of player-2");
    }

    @Test
    void a_snapshot_without_an_opening_is_refused() {
        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), 0, 0, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no opening event");
    }

    @Test
    void a_snapshot_holding_a_change_beyond_its_last_sequence_is_refused() {
        assertThatThrownBy(() -> Wallet.restore(openingOf(PLAYER), 600, 2, entries(DEPOSIT, BET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beyond its last sequence 2");
    }

    @Test
    void an_applied_change_cannot_leave_a_negative_balance() {
        assertThatThrownBy(() -> appliedChange(PLAYER, "bet-1", FundsOperation.REMOVE, 400, 3, -1))
                .isInstanceOf(IllegalStateException.class);
    }

    private static List<LedgerEntry> entries(AppliedChange... changes) {
        return java.util.Arrays.stream(changes).map(AppliedChange::entry).toList();
    }
}

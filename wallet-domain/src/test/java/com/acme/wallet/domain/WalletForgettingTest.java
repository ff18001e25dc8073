package com.acme.wallet.domain;

import static com.acme.wallet.domain.WalletFixtures.OTHER_PLAYER;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.appliedChange;
import static com.acme.wallet.domain.WalletFixtures.cents;
import static com.acme.wallet.domain.WalletFixtures.credit;
import static com.acme.wallet.domain.WalletFixtures.creditEvent;
import static com.acme.wallet.domain.WalletFixtures.creditInFlight;
import static com.acme.wallet.domain.WalletFixtures.debit;
import static com.acme.wallet.domain.WalletFixtures.decideCredit;
import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.openingOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A wallet keeps only a window of recent changes once a store holds the older ones; a reference
 * outside the window is decided only with the store's answer, so forgetting never lets a
 * reference apply twice.
 */
class WalletForgettingTest {

    /** Opened with 0 at #1, then deposit-1 (+1,000) at #2, bet-1 (-400) at #3, deposit-2 (+50) at #4. */
    private static Wallet walletWithThreeChanges() {
        Wallet wallet = Wallet.restore(openingOf(PLAYER), 0, 1, List.of());
        credit(wallet, 1_000, "deposit-1");
        debit(wallet, 400, "bet-1");
        credit(wallet, 50, "deposit-2");
        return wallet;
    }

    @Test
    void forgetting_drops_the_oldest_changes_and_keeps_the_money() {
        Wallet wallet = walletWithThreeChanges();

        List<LedgerEntry> forgotten = wallet.forgetThrough(3);

        assertThat(forgotten).extracting(LedgerEntry::reference).containsExactly(ref("deposit-1"), ref("bet-1"));
        assertThat(wallet.forgottenThrough()).isEqualTo(3);
        assertThat(wallet.rememberedCount()).isEqualTo(1);
        assertThat(wallet.appliedChange(ref("deposit-2"))).isPresent();
        assertThat(wallet.appliedChange(ref("bet-1"))).isEmpty();
        assertThat(wallet.opening()).isEmpty();
        assertThat(wallet.balanceCents()).isEqualTo(650);
        assertThat(wallet.lastSequence()).isEqualTo(4);
        assertThat(wallet.forgetThrough(2)).isEmpty();
        assertThat(wallet.forgottenThrough()).isEqualTo(3);
    }

    @Test
    void a_wallet_cannot_forget_what_is_not_durable() {
        Wallet wallet = walletWithThreeChanges();
        creditInFlight(wallet, 1, "in-flight");

        assertThatThrownBy(() -> wallet.forgetThrough(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last durable sequence is 4");
        assertThat(wallet.isInFlight(ref("in-flight"))).isTrue();
    }

    @Test
    void a_reference_it_may_have_forgotten_is_looked_up_before_anything_is_decided() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);

        Decision<ChangeOutcome> decision = decideCredit(wallet, 1_000, "deposit-1");

        assertThat(decision).isEqualTo(lookUpOf("deposit-1", 3));
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void a_remembered_or_in_flight_reference_is_decided_without_a_lookup() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);
        FundsChanged inFlight = (FundsChanged) eventOf(wallet.decideChange(FundsOperation.ADD, cents(7),
                ref("in-flight"), stamp(), answer("in-flight", 4)));

        assertThat(outcomeOf(decideCredit(wallet, 50, "deposit-2"))).isInstanceOf(ChangeOutcome.Replayed.class);
        assertThat(decideCredit(wallet, 7, "in-flight")).isEqualTo(new Decision.AwaitInFlight<>(inFlight.sequence()));
    }

    @Test
    void a_stored_change_is_replayed_and_another_request_with_its_reference_conflicts() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);
        AppliedChange stored = appliedChange(PLAYER, "bet-1", FundsOperation.REMOVE, 400, 3, 600);

        Decision<ChangeOutcome> retry = wallet.decideChange(FundsOperation.REMOVE, cents(400), ref("bet-1"), stamp(),
                answer("bet-1", 4, stored));
        Decision<ChangeOutcome> other = wallet.decideChange(FundsOperation.REMOVE, cents(401), ref("bet-1"), stamp(),
                answer("bet-1", 4, stored));

        assertThat(outcomeOf(retry)).isEqualTo(new ChangeOutcome.Replayed(stored));
        assertThat(outcomeOf(other)).isEqualTo(new ChangeOutcome.ReferenceConflict(PLAYER, ref("bet-1")));
        assertThat(wallet.inFlightCount()).isZero();
        assertThat(wallet.balanceCents()).isEqualTo(650);
    }

    @Test
    void a_reference_the_store_does_not_hold_is_decided_as_new() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);

        FundsChanged event = (FundsChanged) eventOf(wallet.decideChange(FundsOperation.ADD, cents(5), ref("new"),
                stamp(), answer("new", 3)));

        assertThat(event.sequence()).isEqualTo(5);
        assertThat(wallet.isInFlight(ref("new"))).isTrue();
    }

    @Test
    void an_answer_from_a_store_behind_what_the_wallet_forgot_is_not_taken_for_new() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);

        // A store restored from an older copy, or one the wallet forgot more from since it was asked.
        Decision<ChangeOutcome> decision = wallet.decideChange(FundsOperation.REMOVE, cents(400), ref("bet-1"),
                stamp(), answer("bet-1", 2));

        assertThat(decision).isEqualTo(lookUpOf("bet-1", 3));
        assertThat(wallet.inFlightCount()).isZero();
    }

    @Test
    void an_answer_about_another_wallet_or_reference_is_refused() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);
        AppliedChange othersChange = appliedChange(OTHER_PLAYER, "bet-1", FundsOperation.REMOVE, 400, 3, 600);
        AppliedChange otherReference = appliedChange(PLAYER, "bet-2", FundsOperation.REMOVE, 400, 3, 600);

        assertThatThrownBy(() -> wallet.decideChange(FundsOperation.REMOVE, cents(400), ref("bet-1"), stamp(),
                answer("bet-1", 4, othersChange))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wallet.decideChange(FundsOperation.REMOVE, cents(400), ref("bet-1"), stamp(),
                answer("bet-1", 4, otherReference))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void events_at_or_before_the_forgotten_sequence_are_skipped_as_held_by_the_store() {
        Wallet wallet = walletWithThreeChanges();
        wallet.forgetThrough(3);

        assertThat(wallet.applyDurable(creditEvent(PLAYER, 2, 1_000, "deposit-1"))).isFalse();
        assertThat(wallet.balanceCents()).isEqualTo(650);
        // A remembered one is still checked for being the same event.
        assertThatThrownBy(() -> wallet.applyDurable(creditEvent(PLAYER, 4, 50, "deposit-2")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_wallet_at_balance_has_forgotten_everything_up_to_its_last_sequence() {
        Wallet wallet = Wallet.atBalance(PLAYER, 650, 4);

        assertThat(wallet.forgottenThrough()).isEqualTo(4);
        assertThat(decideCredit(wallet, 1, "anything")).isEqualTo(lookUpOf("anything", 4));
        assertThat(wallet.applyDurable(creditEvent(PLAYER, 4, 50, "deposit-2"))).isFalse();
        assertThat(wallet.applyDurable(creditEvent(PLAYER, 5, 50, "deposit-3"))).isTrue();
        assertThat(wallet.balanceCents()).isEqualTo(700);
    }

    @Test
    void a_wallet_that_forgot_nothing_never_asks() {
        Wallet wallet = walletWithThreeChanges();

        assertThat(eventOf(decideCredit(wallet, 1, "new"))).isInstanceOf(FundsChanged.class);
    }

    /** The lookup a wallet that forgot through a sequence asks of a funds change's reference. */
    private static Decision<ChangeOutcome> lookUpOf(String reference, long forgottenThrough) {
        return new Decision.LookUp<>(new Recall(Set.of(ref(reference)), Optional.empty(), 0, forgottenThrough));
    }

    /** A store's answer about one reference, covering the wallet's changes up to a sequence. */
    private static Recalled answer(String reference, long coversThrough, AppliedChange... stored) {
        Recall recall = new Recall(Set.of(ref(reference)), Optional.empty(), 0, Math.max(1, coversThrough));
        return new Recalled(recall, coversThrough, Arrays.stream(stored).map(WalletForgettingTest::entryOf).toList(),
                Optional.empty());
    }

    private static LedgerEntry entryOf(AppliedChange change) {
        return new LedgerEntry(new FundsChanged(change.eventId(), change.walletId(), change.sequence(), change.operation(),
                change.amount(), change.reference(), change.occurredAt()), change.balanceAfterCents());
    }
}

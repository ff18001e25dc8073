package com.acme.wallet.domain;

import static com.acme.wallet.domain.BettingFixtures.bet;
import static com.acme.wallet.domain.BettingFixtures.record;
import static com.acme.wallet.domain.BettingFixtures.rollback;
import static com.acme.wallet.domain.BettingFixtures.win;
import static com.acme.wallet.domain.WalletFixtures.FIXED_TIME;
import static com.acme.wallet.domain.WalletFixtures.PLAYER;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.eventOf;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Bets, wins and rollbacks of a wallet that has forgotten older changes: it asks the store what it
 * needs ({@link Decision.LookUp}), and decides with the answer as it would have from memory.
 */
class WalletBettingRecallTest {

    private final Wallet wallet = aWallet().openedWith(1_000).build();

    @Test
    void the_retry_of_a_forgotten_bet_is_replayed_from_the_store() {
        LedgerEntry placed = record(wallet, bet("tx-1", "r-1", 300));
        wallet.forgetThrough(2);

        Recall recall = lookUp(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp()));

        assertThat(recall.references()).contains(ref("tx-1"));
        assertThat(recall.forgottenThrough()).isEqualTo(2);
        Recalled answer = answer(recall, 2, List.of(placed), new RoundSummary(RoundId.of("r-1"), 2, 1, 0, false, 2));
        assertThat(outcomeOf(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp(), answer)))
                .isEqualTo(new BettingOutcome.Recorded(placed, true));
    }

    @Test
    void an_answer_that_covers_less_than_the_wallet_forgot_is_asked_again() {
        record(wallet, bet("tx-1", "r-1", 300));
        wallet.forgetThrough(2);
        Recall recall = lookUp(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp()));

        Recalled behind = answer(recall, 1, List.of());

        assertThat(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp(), behind)).isInstanceOf(Decision.LookUp.class);
        assertThat(wallet.balanceCents()).isEqualTo(700);
    }

    @Test
    void a_win_into_a_round_whose_bet_was_forgotten_counts_the_stored_bet() {
        record(wallet, bet("tx-1", "r-1", 300));
        wallet.forgetThrough(2);

        Recall recall = lookUp(wallet.decideBetting(win("tx-2", "r-1", 500), stamp()));

        assertThat(recall.round()).contains(RoundId.of("r-1"));
        assertThat(recall.roundThrough()).isEqualTo(2);
        Recalled oneBet = answer(recall, 2, List.of(), new RoundSummary(RoundId.of("r-1"), 2, 1, 0, false, 2));
        assertThat(eventOf(wallet.decideBetting(win("tx-2", "r-1", 500), stamp(), oneBet))).isInstanceOf(WinPaid.class);
    }

    @Test
    void a_win_into_a_round_the_store_does_not_know_is_refused() {
        credit(50);
        wallet.forgetThrough(2);
        Recall recall = lookUp(wallet.decideBetting(win("tx-2", "r-1", 500), stamp()));

        Recalled none = answer(recall, 2, List.of(), RoundSummary.none(RoundId.of("r-1"), 2));

        assertThat(eventOf(wallet.decideBetting(win("tx-2", "r-1", 500), stamp(), none)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.ROUND_NOT_FOUND));
    }

    @Test
    void a_rollback_of_a_forgotten_bet_asks_for_the_bet_then_for_its_round() {
        LedgerEntry placed = record(wallet, bet("tx-1", "r-1", 300));
        wallet.forgetThrough(2);

        Recall first = lookUp(wallet.decideBetting(rollback("rb-1", "tx-1"), stamp()));
        assertThat(first.references()).containsExactlyInAnyOrder(ref("rb-1"), ref("tx-1"));
        assertThat(first.round()).isEmpty();

        Recall second = lookUp(wallet.decideBetting(rollback("rb-1", "tx-1"), stamp(), answer(first, 2, List.of(placed))));
        assertThat(second.references()).containsExactlyInAnyOrder(ref("rb-1"), ref("tx-1"));
        assertThat(second.round()).contains(RoundId.of("r-1"));

        Recalled whole = answer(second, 2, List.of(placed), new RoundSummary(RoundId.of("r-1"), 2, 1, 0, false, 2));
        ReferencedEvent refund = (ReferencedEvent) eventOf(wallet.decideBetting(rollback("rb-1", "tx-1"), stamp(), whole));
        wallet.confirm(refund);

        assertThat(wallet.balanceCents()).isEqualTo(1_000);
    }

    @Test
    void an_original_arriving_after_its_forgotten_tombstone_is_refused() {
        LedgerEntry tombstone = record(wallet, rollback("rb-1", "tx-1"));
        wallet.forgetThrough(2);

        Recall recall = lookUp(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp()));

        assertThat(outcomeOf(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp(), answer(recall, 2, List.of(tombstone)))))
                .isEqualTo(new BettingOutcome.RolledBackBefore(PLAYER, ref("tx-1"), ref("rb-1")));
    }

    @Test
    void a_wallet_loaded_from_its_balance_adds_the_stored_legs_to_those_it_read_since() {
        // Stored: the opening, a deposit and a bet of r-1 (sequence 3). Read since: a win of r-1.
        Wallet loaded = Wallet.atBalance(PLAYER, 700, 3);
        loaded.applyDurable(new WinPaid(stamp().eventId(), PLAYER, 4, win("tx-2", "r-1", 200), FIXED_TIME));
        BetPlaced storedBet = new BetPlaced(stamp().eventId(), PLAYER, 3, bet("tx-1", "r-1", 300), FIXED_TIME);

        Recall first = lookUp(loaded.decideBetting(rollback("rb-1", "tx-1"), stamp()));
        Recalled theBet = answer(first, 3, List.of(new LedgerEntry(storedBet, 700)));
        Recall second = lookUp(loaded.decideBetting(rollback("rb-1", "tx-1"), stamp(), theBet));

        assertThat(second.roundThrough()).isEqualTo(3);
        Recalled withRound = answer(second, 3, List.of(new LedgerEntry(storedBet, 700)),
                new RoundSummary(RoundId.of("r-1"), 3, 1, 0, false, 3));
        assertThat(eventOf(loaded.decideBetting(rollback("rb-1", "tx-1"), stamp(), withRound)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.BET_ALREADY_SETTLED));
    }

    @Test
    void a_round_summary_through_another_sequence_is_asked_again() {
        record(wallet, bet("tx-1", "r-1", 300));
        wallet.forgetThrough(2);
        Recall recall = lookUp(wallet.decideBetting(win("tx-2", "r-1", 500), stamp()));
        Recall stale = new Recall(recall.references(), recall.round(), 1, 2);

        Recalled otherBoundary = answer(stale, 2, List.of(), new RoundSummary(RoundId.of("r-1"), 1, 0, 0, false, 0));

        assertThat(wallet.decideBetting(win("tx-2", "r-1", 500), stamp(), otherBoundary)).isInstanceOf(Decision.LookUp.class);
    }

    private void credit(long cents) {
        WalletFixtures.credit(wallet, cents, "deposit-" + cents);
    }

    private static Recall lookUp(Decision<BettingOutcome> decision) {
        assertThat(decision).isInstanceOf(Decision.LookUp.class);
        return ((Decision.LookUp<BettingOutcome>) decision).recall();
    }

    /** An answer whose round, if one is asked, has no stored leg. */
    private static Recalled answer(Recall recall, long coversThrough, List<LedgerEntry> entries) {
        return new Recalled(recall, coversThrough, entries,
                recall.round().map(round -> RoundSummary.none(round, recall.roundThrough())));
    }

    private static Recalled answer(Recall recall, long coversThrough, List<LedgerEntry> entries, RoundSummary round) {
        return new Recalled(recall, coversThrough, entries, Optional.of(round));
    }
}

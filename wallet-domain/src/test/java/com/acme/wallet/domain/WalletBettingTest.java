package com.acme.wallet.domain;

import static com.acme.wallet.domain.BettingFixtures.bet;
import static com.acme.wallet.domain.BettingFixtures.closingBet;
import static com.acme.wallet.domain.BettingFixtures.closingWin;
import static com.acme.wallet.domain.BettingFixtures.inFlight;
import static com.acme.wallet.domain.BettingFixtures.record;
import static com.acme.wallet.domain.BettingFixtures.refused;
import static com.acme.wallet.domain.BettingFixtures.rollback;
import static com.acme.wallet.domain.BettingFixtures.settled;
import static com.acme.wallet.domain.BettingFixtures.win;
import static com.acme.wallet.domain.WalletFixtures.aWallet;
import static com.acme.wallet.domain.WalletFixtures.credit;
import static com.acme.wallet.domain.WalletFixtures.decideCredit;
import static com.acme.wallet.domain.WalletFixtures.outcomeOf;
import static com.acme.wallet.domain.WalletFixtures.ref;
import static com.acme.wallet.domain.WalletFixtures.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.RollbackEffect.NothingToRollBack;
import com.acme.wallet.domain.RollbackEffect.OriginalOutcome;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bets, wins and rollbacks in rounds: every rule of {@link Wallet#decideBetting}, one at a time. */
class WalletBettingTest {

    private final Wallet wallet = aWallet().openedWith(1_000).build();

    @Nested
    class Bets {

        @Test
        void a_bet_takes_its_stake_and_a_retry_replays_it() {
            LedgerEntry placed = record(wallet, bet("tx-1", "r-1", 300));

            assertThat(placed.event()).isInstanceOf(BetPlaced.class);
            assertThat(placed.balanceAfterCents()).isEqualTo(700);
            assertThat(wallet.balanceCents()).isEqualTo(700);
            assertThat(settled(wallet, bet("tx-1", "r-1", 300))).isEqualTo(new BettingOutcome.Recorded(placed, true));
            assertThat(wallet.balanceCents()).isEqualTo(700);
        }

        @Test
        void a_retry_with_other_metadata_is_the_same_bet() {
            LedgerEntry placed = record(wallet, bet("tx-1", "r-1", 300));
            BetRequest sameWithMetadata = new BetRequest(ref("tx-1"), RoundId.of("r-1"), Amount.ofCents(300), false,
                    Metadata.of(Map.of("game", "x")));

            assertThat(settled(wallet, sameWithMetadata)).isEqualTo(new BettingOutcome.Recorded(placed, true));
        }

        @Test
        void a_bet_above_the_balance_is_refused_for_good_even_after_a_deposit() {
            RequestRefused refusal = refused(wallet, bet("tx-1", "r-1", 1_001));

            assertThat(refusal.code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
            assertThat(refusal.balanceCents()).isEqualTo(1_000);
            assertThat(wallet.balanceCents()).isEqualTo(1_000);

            credit(wallet, 5_000, "deposit-1");
            BettingOutcome retry = settled(wallet, bet("tx-1", "r-1", 1_001));

            assertThat(retry).isInstanceOfSatisfying(BettingOutcome.Recorded.class, recorded -> {
                assertThat(recorded.replayed()).isTrue();
                assertThat(recorded.entry().event()).isEqualTo(refusal);
            });
            assertThat(wallet.balanceCents()).isEqualTo(6_000);
        }

        @Test
        void a_bet_into_a_closed_round_is_refused() {
            record(wallet, closingBet("tx-1", "r-1", 100));

            assertThat(refused(wallet, bet("tx-2", "r-1", 100)).code()).isEqualTo(RefusalCode.ROUND_CLOSED);
            assertThat(wallet.balanceCents()).isEqualTo(900);
        }

        @Test
        void a_reference_reused_for_another_amount_round_or_operation_is_a_conflict_and_not_recorded() {
            record(wallet, bet("tx-1", "r-1", 100));
            credit(wallet, 50, "deposit-1");
            long sequence = wallet.lastSequence();

            assertThat(settled(wallet, bet("tx-1", "r-1", 101))).isInstanceOf(BettingOutcome.ReferenceConflict.class);
            assertThat(settled(wallet, bet("tx-1", "r-2", 100))).isInstanceOf(BettingOutcome.ReferenceConflict.class);
            assertThat(settled(wallet, win("tx-1", "r-1", 100))).isInstanceOf(BettingOutcome.ReferenceConflict.class);
            assertThat(settled(wallet, bet("deposit-1", "r-1", 50))).isInstanceOf(BettingOutcome.ReferenceConflict.class);
            assertThat(outcomeOf(decideCredit(wallet, 100, "tx-1"))).isInstanceOf(ChangeOutcome.ReferenceConflict.class);
            assertThat(wallet.lastSequence()).isEqualTo(sequence);
        }

        @Test
        void an_unopened_wallet_takes_no_bet() {
            Wallet unopened = Wallet.unopened(WalletFixtures.OTHER_PLAYER);

            assertThat(settled(unopened, bet("tx-1", "r-1", 1))).isInstanceOf(BettingOutcome.WalletNotFound.class);
        }
    }

    @Nested
    class Wins {

        @Test
        void a_win_pays_into_a_round_with_a_bet() {
            record(wallet, bet("tx-1", "r-1", 300));
            LedgerEntry paid = record(wallet, win("tx-2", "r-1", 1_200));

            assertThat(paid.event()).isInstanceOf(WinPaid.class);
            assertThat(paid.balanceAfterCents()).isEqualTo(1_900);
            assertThat(settled(wallet, win("tx-2", "r-1", 1_200))).isEqualTo(new BettingOutcome.Recorded(paid, true));
        }

        @Test
        void a_win_of_zero_closes_a_lost_round_to_bets_and_wins() {
            record(wallet, bet("tx-1", "r-1", 300));
            record(wallet, closingWin("tx-2", "r-1", 0));

            assertThat(wallet.balanceCents()).isEqualTo(700);
            assertThat(refused(wallet, bet("tx-3", "r-1", 10)).code()).isEqualTo(RefusalCode.ROUND_CLOSED);
            assertThat(refused(wallet, win("tx-4", "r-1", 10)).code()).isEqualTo(RefusalCode.ROUND_CLOSED);
        }

        @Test
        void a_win_into_a_round_without_a_bet_is_refused_for_good_even_once_the_bet_came() {
            RequestRefused refusal = refused(wallet, win("tx-2", "r-1", 500));
            record(wallet, bet("tx-1", "r-1", 100));

            assertThat(refusal.code()).isEqualTo(RefusalCode.ROUND_NOT_FOUND);
            assertThat(settled(wallet, win("tx-2", "r-1", 500)))
                    .isEqualTo(new BettingOutcome.Recorded(wallet.entry(ref("tx-2")).orElseThrow(), true));
            assertThat(wallet.balanceCents()).isEqualTo(900);
        }

        @Test
        void a_win_into_a_round_whose_only_bet_was_rolled_back_is_refused() {
            record(wallet, bet("tx-1", "r-1", 100));
            record(wallet, rollback("rb-1", "tx-1"));

            assertThat(refused(wallet, win("tx-2", "r-1", 500)).code()).isEqualTo(RefusalCode.ROUND_NOT_FOUND);
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_win_above_the_maximum_balance_is_refused() {
            Wallet rich = aWallet().openedWith(Amount.MAX_CENTS).build();
            for (int i = 0; i < 999; i++) {
                credit(rich, Amount.MAX_CENTS, "deposit-" + i);
            }
            record(rich, bet("tx-1", "r-1", 1));

            assertThat(refused(rich, win("tx-2", "r-1", 2)).code()).isEqualTo(RefusalCode.BALANCE_LIMIT_EXCEEDED);
            assertThat(rich.balanceCents()).isEqualTo(Wallet.MAX_BALANCE_CENTS - 1);
        }
    }

    @Nested
    class Rollbacks {

        @Test
        void a_rollback_gives_a_bet_its_stake_back_and_replays() {
            record(wallet, bet("tx-1", "r-1", 300));
            LedgerEntry rolledBack = record(wallet, rollback("rb-1", "tx-1"));

            assertThat(rolledBack.event()).isInstanceOfSatisfying(RolledBack.class, event ->
                    assertThat(event.effect()).isEqualTo(new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.ofCents(300))));
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
            assertThat(settled(wallet, rollback("rb-1", "tx-1"))).isEqualTo(new BettingOutcome.Recorded(rolledBack, true));
            assertThat(settled(wallet, bet("tx-1", "r-1", 300))).isInstanceOfSatisfying(BettingOutcome.Recorded.class,
                    recorded -> assertThat(recorded.entry().event()).isInstanceOf(BetPlaced.class));
        }

        @Test
        void a_second_rollback_under_another_reference_is_refused() {
            record(wallet, bet("tx-1", "r-1", 300));
            record(wallet, rollback("rb-1", "tx-1"));

            assertThat(refused(wallet, rollback("rb-2", "tx-1")).code()).isEqualTo(RefusalCode.ALREADY_ROLLED_BACK);
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_rollback_of_an_original_never_seen_is_a_tombstone_that_refuses_the_late_original() {
            LedgerEntry tombstone = record(wallet, rollback("rb-1", "tx-1"));

            assertThat(tombstone.event()).isInstanceOfSatisfying(RolledBack.class, event -> {
                assertThat(event.isTombstone()).isTrue();
                assertThat(event.amount()).isEqualTo(Amount.ZERO);
            });
            assertThat(tombstone.settledReferences()).containsExactly(ref("rb-1"), ref("tx-1"));
            BettingOutcome.RolledBackBefore refusedBet = new BettingOutcome.RolledBackBefore(wallet.id(), ref("tx-1"),
                    ref("rb-1"));
            assertThat(settled(wallet, bet("tx-1", "r-1", 300))).isEqualTo(refusedBet);
            assertThat(settled(wallet, win("tx-1", "r-1", 300))).isEqualTo(refusedBet);
            assertThat(outcomeOf(decideCredit(wallet, 300, "tx-1"))).isInstanceOf(ChangeOutcome.ReferenceConflict.class);
            assertThat(refused(wallet, rollback("rb-2", "tx-1")).code()).isEqualTo(RefusalCode.ALREADY_ROLLED_BACK);
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_rollback_of_a_refused_bet_records_that_nothing_moved() {
            refused(wallet, bet("tx-1", "r-1", 5_000));
            LedgerEntry rolledBack = record(wallet, rollback("rb-1", "tx-1"));

            assertThat(rolledBack.event()).isInstanceOfSatisfying(RolledBack.class, event ->
                    assertThat(event.effect()).isEqualTo(new NothingToRollBack(OriginalOutcome.REJECTED)));
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_bet_whose_round_has_a_win_is_settled_and_cannot_be_rolled_back() {
            record(wallet, bet("tx-1", "r-1", 300));
            record(wallet, win("tx-2", "r-1", 0));

            assertThat(refused(wallet, rollback("rb-1", "tx-1")).code()).isEqualTo(RefusalCode.BET_ALREADY_SETTLED);
        }

        @Test
        void once_its_win_is_rolled_back_a_bet_can_be_rolled_back() {
            record(wallet, bet("tx-1", "r-1", 300));
            record(wallet, win("tx-2", "r-1", 500));
            record(wallet, rollback("rb-2", "tx-2"));
            record(wallet, rollback("rb-1", "tx-1"));

            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_rollback_takes_a_win_back_unless_the_player_spent_it() {
            record(wallet, bet("tx-1", "r-1", 1_000));
            record(wallet, win("tx-2", "r-1", 500));
            record(wallet, bet("tx-3", "r-2", 200));

            assertThat(refused(wallet, rollback("rb-1", "tx-2")).code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
            assertThat(wallet.balanceCents()).isEqualTo(300);

            record(wallet, win("tx-4", "r-2", 400));
            LedgerEntry reclaimed = record(wallet, rollback("rb-2", "tx-2"));

            assertThat(reclaimed.balanceAfterCents()).isEqualTo(200);
            assertThat(refused(wallet, rollback("rb-3", "tx-2")).code()).isEqualTo(RefusalCode.ALREADY_ROLLED_BACK);
        }

        @Test
        void funds_changes_and_rollbacks_cannot_be_rolled_back() {
            credit(wallet, 100, "deposit-1");
            record(wallet, rollback("rb-1", "tx-never"));

            assertThat(refused(wallet, rollback("rb-2", "deposit-1")).code()).isEqualTo(RefusalCode.NOT_ROLLBACKABLE);
            assertThat(refused(wallet, rollback("rb-3", "rb-1")).code()).isEqualTo(RefusalCode.NOT_ROLLBACKABLE);
            assertThat(wallet.balanceCents()).isEqualTo(1_100);
        }

        @Test
        void a_rollback_cannot_name_itself() {
            assertThatThrownBy(() -> rollback("rb-1", "rb-1")).isInstanceOf(InvalidInputException.class)
                    .hasMessage("a rollback's reference must differ from its originalReference");
        }
    }

    @Nested
    class InFlight {

        @Test
        void a_rollback_of_a_bet_in_flight_is_decided_after_it() {
            ReferencedEvent placing = inFlight(wallet, bet("tx-1", "r-1", 300));

            assertThat(wallet.decideBetting(rollback("rb-1", "tx-1"), stamp()))
                    .isEqualTo(new Decision.DecideAfter<BettingOutcome>(placing.sequence()));

            wallet.confirm(placing);
            record(wallet, rollback("rb-1", "tx-1"));
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }

        @Test
        void a_leg_of_a_round_with_a_leg_in_flight_is_decided_after_it() {
            ReferencedEvent closing = inFlight(wallet, closingBet("tx-1", "r-1", 300));

            assertThat(wallet.decideBetting(bet("tx-2", "r-1", 10), stamp()))
                    .isEqualTo(new Decision.DecideAfter<BettingOutcome>(closing.sequence()));
            assertThat(wallet.decideBetting(win("tx-3", "r-1", 10), stamp()))
                    .isEqualTo(new Decision.DecideAfter<BettingOutcome>(closing.sequence()));
            ReferencedEvent otherRound = inFlight(wallet, bet("tx-4", "r-2", 10));
            assertThat(otherRound).isInstanceOf(BetPlaced.class);

            wallet.confirm(closing);
            wallet.confirm(otherRound);
            assertThat(refused(wallet, bet("tx-2", "r-1", 10)).code()).isEqualTo(RefusalCode.ROUND_CLOSED);
        }

        @Test
        void an_original_arriving_while_its_tombstone_is_in_flight_is_decided_after_it() {
            ReferencedEvent tombstone = inFlight(wallet, rollback("rb-1", "tx-1"));

            assertThat(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp()))
                    .isEqualTo(new Decision.DecideAfter<BettingOutcome>(tombstone.sequence()));
        }

        @Test
        void the_same_request_in_flight_is_awaited_and_another_under_its_reference_conflicts() {
            ReferencedEvent placing = inFlight(wallet, bet("tx-1", "r-1", 300));

            assertThat(wallet.decideBetting(bet("tx-1", "r-1", 300), stamp()))
                    .isEqualTo(new Decision.AwaitInFlight<BettingOutcome>(placing.sequence()));
            assertThat(settled(wallet, bet("tx-1", "r-1", 301))).isInstanceOf(BettingOutcome.ReferenceConflict.class);
        }

        @Test
        void a_bet_spends_only_money_not_promised_to_debits_in_flight() {
            inFlight(wallet, bet("tx-1", "r-1", 600));

            RequestRefused refusal = (RequestRefused) inFlight(wallet, bet("tx-2", "r-2", 500));

            assertThat(refusal.code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
            assertThat(refusal.balanceCents()).isEqualTo(400);
        }

        @Test
        void discarding_what_is_in_flight_frees_its_round() {
            inFlight(wallet, bet("tx-1", "r-1", 300));
            wallet.discardInFlight();

            assertThat(refused(wallet, win("tx-2", "r-1", 10)).code()).isEqualTo(RefusalCode.ROUND_NOT_FOUND);
            assertThat(wallet.balanceCents()).isEqualTo(1_000);
        }
    }

    @Test
    void replaying_the_log_rebuilds_the_same_rounds_and_outcomes() {
        WalletFixtures.WalletBuilder builder = aWallet().openedWith(1_000);
        Wallet original = builder.build();
        java.util.List<WalletEvent> log = new java.util.ArrayList<>(builder.durableEvents());
        for (BettingRequest request : java.util.List.of(bet("tx-1", "r-1", 300), win("tx-2", "r-1", 50),
                rollback("rb-0", "tx-0"), bet("tx-3", "r-2", 5_000), closingBet("tx-4", "r-2", 100))) {
            ReferencedEvent event = inFlight(original, request);
            original.confirm(event);
            log.add(event);
        }

        Wallet replayed = Wallet.replay(original.id(), log);

        assertThat(replayed.balanceCents()).isEqualTo(original.balanceCents()).isEqualTo(650);
        assertThat(replayed.entries()).containsExactlyElementsOf(original.entries());
        assertThat(refused(replayed, rollback("rb-1", "tx-1")).code()).isEqualTo(RefusalCode.BET_ALREADY_SETTLED);
        assertThat(refused(replayed, bet("tx-5", "r-2", 1)).code()).isEqualTo(RefusalCode.ROUND_CLOSED);
        assertThat(settled(replayed, bet("tx-0", "r-3", 1))).isInstanceOf(BettingOutcome.RolledBackBefore.class);
    }
}

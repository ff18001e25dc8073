package com.acme.wallet.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The domain's rules hold in a service that embeds it with nothing else: the guide's claims, one by one. */
class InMemoryWalletServiceTest {

    private static final WalletId ANDREI = WalletId.of("andrei");

    private final AtomicLong eventCounter = new AtomicLong();
    private final InMemoryWalletService wallets = new InMemoryWalletService(
            Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC),
            () -> new UUID(0, eventCounter.incrementAndGet()));

    @Test
    void the_guide_s_quick_start_runs_as_written() {
        // snippet:quick-start
        InMemoryWalletService wallets = new InMemoryWalletService(Clock.systemUTC(), UUID::randomUUID);
        WalletId andrei = WalletId.of("andrei");
        wallets.open(andrei, Amount.ofCents(100));

        ChangeOutcome won = wallets.addFunds(andrei, Amount.positive(10), Reference.of("wonbet-1"));
        ChangeOutcome retried = wallets.addFunds(andrei, Amount.positive(10), Reference.of("wonbet-1"));
        ChangeOutcome tooMuch = wallets.removeFunds(andrei, Amount.positive(500), Reference.of("lostbet-2"));

        // won: Accepted, balance 110; retried: Replayed, the same change, balance still 110;
        // tooMuch: Refused with INSUFFICIENT_FUNDS, recorded, so a retry is refused again.
        // end-snippet
        assertThat(won).isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(((ChangeOutcome.Accepted) won).change().balanceAfterCents()).isEqualTo(110);
        assertThat(retried).isEqualTo(new ChangeOutcome.Replayed(((ChangeOutcome.Accepted) won).change()));
        assertThat(((ChangeOutcome.Refused) tooMuch).refusal().code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
        assertThat(wallets.balanceCents(andrei)).hasValue(110);
    }

    @Test
    void a_wallet_opens_once_with_its_opening_balance() {
        assertThat(wallets.open(ANDREI, Amount.ofCents(100))).isEqualTo(new OpenOutcome.Opened(ANDREI, 100));
        assertThat(wallets.open(ANDREI, Amount.ofCents(5))).isEqualTo(new OpenOutcome.AlreadyExists(ANDREI));
        assertThat(wallets.balanceCents(ANDREI)).hasValue(100);
    }

    @Test
    void a_retried_reference_replays_its_first_answer_and_moves_money_once() {
        wallets.open(ANDREI, Amount.ZERO);

        ChangeOutcome first = credit(ANDREI, 10, "wonbet-1");
        ChangeOutcome second = credit(ANDREI, 10, "wonbet-1");

        assertThat(first).isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(second).isEqualTo(new ChangeOutcome.Replayed(((ChangeOutcome.Accepted) first).change()));
        assertThat(wallets.balanceCents(ANDREI)).hasValue(10);
        assertThat(wallets.journal(ANDREI)).hasSize(2);
    }

    @Test
    void a_removal_beyond_the_balance_is_refused_and_a_retry_is_refused_again_even_once_funds_came() {
        wallets.open(ANDREI, Amount.ofCents(40));

        ChangeOutcome refused = debit(ANDREI, 50, "lostbet-1");
        credit(ANDREI, 100, "deposit-1");
        ChangeOutcome retried = debit(ANDREI, 50, "lostbet-1");

        assertThat(refused).isInstanceOfSatisfying(ChangeOutcome.Refused.class, refusal -> {
            assertThat(refusal.refusal().code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
            assertThat(refusal.replayed()).isFalse();
        });
        assertThat(retried).isInstanceOfSatisfying(ChangeOutcome.Refused.class, refusal -> {
            assertThat(refusal.refusal().code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
            assertThat(refusal.replayed()).isTrue();
        });
        assertThat(wallets.balanceCents(ANDREI)).hasValue(140);
    }

    @Test
    void a_reference_reused_for_another_amount_or_operation_is_a_conflict_and_changes_nothing() {
        wallets.open(ANDREI, Amount.ofCents(100));
        credit(ANDREI, 10, "wonbet-1");

        ChangeOutcome otherAmount = credit(ANDREI, 11, "wonbet-1");
        ChangeOutcome otherOperation = debit(ANDREI, 10, "wonbet-1");

        ChangeOutcome conflict = new ChangeOutcome.ReferenceConflict(ANDREI, Reference.of("wonbet-1"));
        assertThat(otherAmount).isEqualTo(conflict);
        assertThat(otherOperation).isEqualTo(conflict);
        assertThat(wallets.balanceCents(ANDREI)).hasValue(110);
    }

    @Test
    void a_change_of_nothing_is_bad_input_and_the_service_goes_on() {
        wallets.open(ANDREI, Amount.ofCents(100));

        assertThatThrownBy(() -> wallets.addFunds(ANDREI, Amount.ZERO, Reference.of("nothing-1")))
                .isInstanceOf(InvalidInputException.class);
        assertThat(credit(ANDREI, 10, "deposit-1")).isInstanceOf(ChangeOutcome.Accepted.class);
    }

    @Test
    void a_wallet_never_opened_is_not_found_and_is_not_held() {
        WalletId nobody = WalletId.of("nobody");

        assertThat(credit(nobody, 10, "deposit-1")).isEqualTo(new ChangeOutcome.WalletNotFound(nobody));
        assertThat(wallets.bet(nobody, bet("bet-1", "round-1", 10)))
                .isEqualTo(new BettingOutcome.WalletNotFound(nobody));
        assertThat(wallets.balanceCents(nobody)).isEmpty();
        assertThat(wallets.journal(nobody)).isEmpty();
    }

    @Test
    void a_bet_spends_only_what_the_wallet_holds_and_its_rollback_gives_the_stake_back() {
        wallets.open(ANDREI, Amount.ofCents(100));

        BettingOutcome tooBig = wallets.bet(ANDREI, bet("bet-1", "round-1", 101));
        BettingOutcome placed = wallets.bet(ANDREI, bet("bet-2", "round-1", 60));
        BettingOutcome rolledBack = wallets.rollBack(ANDREI, rollback("rb-1", "bet-2"));

        assertThat(recorded(tooBig).event()).isInstanceOfSatisfying(RequestRefused.class,
                refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS));
        assertThat(recorded(placed).balanceAfterCents()).isEqualTo(40);
        assertThat(recorded(rolledBack).event()).isInstanceOfSatisfying(RolledBack.class,
                rollback -> assertThat(rollback.effect()).isInstanceOf(RollbackEffect.RefundBet.class));
        assertThat(wallets.balanceCents(ANDREI)).hasValue(100);
    }

    @Test
    void a_win_needs_a_standing_bet_in_its_round() {
        wallets.open(ANDREI, Amount.ofCents(100));

        BettingOutcome noBet = wallets.win(ANDREI, win("win-1", "round-1", 50));
        wallets.bet(ANDREI, bet("bet-1", "round-1", 30));
        BettingOutcome paid = wallets.win(ANDREI, win("win-2", "round-1", 50));

        assertThat(recorded(noBet).event()).isInstanceOfSatisfying(RequestRefused.class,
                refusal -> assertThat(refusal.code()).isEqualTo(RefusalCode.ROUND_NOT_FOUND));
        assertThat(recorded(paid).balanceAfterCents()).isEqualTo(120);
    }

    @Test
    void a_bet_rolled_back_before_it_arrives_is_refused_when_it_comes() {
        wallets.open(ANDREI, Amount.ofCents(100));

        BettingOutcome tombstone = wallets.rollBack(ANDREI, rollback("rb-1", "bet-1"));
        BettingOutcome late = wallets.bet(ANDREI, bet("bet-1", "round-1", 10));

        assertThat(recorded(tombstone).outcome()).isEqualTo(LedgerEntry.Outcome.TOMBSTONE);
        assertThat(late)
                .isEqualTo(new BettingOutcome.RolledBackBefore(ANDREI, Reference.of("bet-1"), Reference.of("rb-1")));
        assertThat(wallets.balanceCents(ANDREI)).hasValue(100);
    }

    @Test
    void the_journal_rebuilds_a_wallet_that_still_knows_every_reference() {
        wallets.open(ANDREI, Amount.ofCents(100));
        credit(ANDREI, 10, "wonbet-1");
        debit(ANDREI, 500, "lostbet-2");
        wallets.bet(ANDREI, bet("bet-3", "round-1", 30));

        Wallet rebuilt = Wallet.replay(ANDREI, wallets.journal(ANDREI));

        assertThat(rebuilt.balanceCents()).isEqualTo(wallets.balanceCents(ANDREI).orElseThrow()).isEqualTo(80);
        Decision<ChangeOutcome> retry = rebuilt.decideChange(FundsOperation.ADD, Amount.positive(10),
                Reference.of("wonbet-1"), new EventStamp(UUID.randomUUID(), Instant.EPOCH));
        assertThat(retry).isInstanceOfSatisfying(Decision.Settled.class,
                settled -> assertThat(settled.outcome()).isInstanceOf(ChangeOutcome.Replayed.class));
    }

    private ChangeOutcome credit(WalletId walletId, long cents, String reference) {
        return wallets.addFunds(walletId, Amount.positive(cents), Reference.of(reference));
    }

    private ChangeOutcome debit(WalletId walletId, long cents, String reference) {
        return wallets.removeFunds(walletId, Amount.positive(cents), Reference.of(reference));
    }

    private static BetRequest bet(String reference, String roundId, long cents) {
        return new BetRequest(Reference.of(reference), RoundId.of(roundId), Amount.positive(cents), false,
                Metadata.NONE);
    }

    private static WinRequest win(String reference, String roundId, long cents) {
        return new WinRequest(Reference.of(reference), RoundId.of(roundId), Amount.ofCents(cents), false,
                Metadata.NONE);
    }

    private static RollbackRequest rollback(String reference, String originalReference) {
        return new RollbackRequest(Reference.of(reference), Reference.of(originalReference));
    }

    private static LedgerEntry recorded(BettingOutcome outcome) {
        assertThat(outcome).isInstanceOf(BettingOutcome.Recorded.class);
        return ((BettingOutcome.Recorded) outcome).entry();
    }
}

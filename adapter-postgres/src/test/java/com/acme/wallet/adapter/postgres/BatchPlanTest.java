package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinPaid;
import com.acme.wallet.domain.WinRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    private static final WalletId ALICE = WalletId.of("alice");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private final TestLog log = new TestLog("partition-0");

    @Test
    void balances_are_computed_from_the_persisted_balance_in_log_order() {
        LoggedEvent win = log.change("alice", 4, FundsOperation.ADD, "won-1", 50);
        LoggedEvent bet = log.change("alice", 5, FundsOperation.REMOVE, "bet-1", 120);

        BatchPlan plan = BatchPlan.of(List.of(win, bet), Map.of(ALICE, new StoredWallet(ALICE, 100, 3)));

        assertThat(plan.newTransactions()).extracting(TransactionRow::sequence, TransactionRow::balanceAfterCents)
                .containsExactly(tuple(4L, 150L),
                        tuple(5L, 30L));
        assertThat(plan.changedWallets()).containsExactly(new WalletRow("alice", 30, 5, null, 3));
        assertThat(plan.newWallets()).isEmpty();
    }

    @Test
    void a_new_wallet_is_inserted_with_its_opening_time() {
        LoggedEvent opening = log.open("alice", 10);

        BatchPlan plan = BatchPlan.of(List.of(opening, log.add("alice", "won-1", 5)), Map.of());

        assertThat(plan.newWallets()).containsExactly(
                new WalletRow("alice", 15, 2, opening.event().occurredAt(), 0));
    }

    @Test
    void events_at_or_below_the_persisted_sequence_are_set_aside_to_check_against_the_stored_rows() {
        LoggedEvent opening = log.open("alice", 10);
        LoggedEvent win = log.add("alice", "won-1", 5);
        LoggedEvent bet = log.remove("alice", "bet-1", 3);

        BatchPlan plan = BatchPlan.of(List.of(opening, win, bet), Map.of(ALICE, new StoredWallet(ALICE, 15, 2)));

        assertThat(plan.storedRepeats()).containsExactly(opening.event(), win.event());
        assertThat(plan.repeatCount()).isEqualTo(2);
        assertThat(plan.newTransactions()).extracting(TransactionRow::balanceAfterCents).containsExactly(12L);
    }

    @Test
    void an_event_repeated_within_the_batch_counts_as_a_repeat_once_checked() {
        LoggedEvent opening = log.open("alice", 10);

        BatchPlan plan = BatchPlan.of(List.of(opening, opening), Map.of());

        assertThat(plan.newTransactions()).hasSize(1);
        assertThat(plan.repeatCount()).isEqualTo(1);
        assertThat(plan.storedRepeats()).isEmpty();
    }

    @Test
    void another_event_at_a_sequence_the_batch_already_holds_is_refused() {
        LoggedEvent opening = log.open("alice", 10);

        assertThatThrownBy(() -> BatchPlan.of(List.of(opening, log.withAnotherId(opening)), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the event this batch holds there");
    }

    @Test
    void a_debit_beyond_the_persisted_balance_is_refused() {
        LoggedEvent bet = log.change("alice", 2, FundsOperation.REMOVE, "bet-1", 11);

        assertThatThrownBy(() -> BatchPlan.of(List.of(bet), Map.of(ALICE, new StoredWallet(ALICE, 10, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void a_change_of_a_wallet_without_an_opening_is_refused() {
        assertThatThrownBy(() -> BatchPlan.of(List.of(log.change("ghost", 2, FundsOperation.ADD, "x", 1)), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it was opened");
    }

    @Test
    void a_wallet_restored_at_its_balance_takes_every_kind_of_event_and_moves_by_each_ones_delta() {
        // The bet and the win of round r-1 are stored before this batch: the plan does not know them.
        List<LoggedEvent> batch = List.of(
                log.next(new BetPlaced(UUID.randomUUID(), ALICE, 6, bet("bet-2", "r-2", 300), AT)),
                log.next(new WinPaid(UUID.randomUUID(), ALICE, 7, new WinRequest(Reference.of("win-2"), RoundId.of("r-2"),
                        Amount.ofCents(450), true, Metadata.NONE), AT)),
                log.next(new RolledBack(UUID.randomUUID(), ALICE, 8, rollback("rb-1", "bet-1"),
                        new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.positive(40)), AT)),
                log.next(new RolledBack(UUID.randomUUID(), ALICE, 9, rollback("rb-2", "win-1"),
                        new RollbackEffect.ReclaimWin(RoundId.of("r-1"), Amount.positive(90)), AT)),
                log.next(new RequestRefused(UUID.randomUUID(), ALICE, 10, bet("bet-3", "r-2", 5), RefusalCode.ROUND_CLOSED,
                        1_400, AT)),
                log.next(new RolledBack(UUID.randomUUID(), ALICE, 11, rollback("rb-3", "bet-3"),
                        new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.REJECTED), AT)),
                log.next(new RolledBack(UUID.randomUUID(), ALICE, 12, rollback("rb-4", "never-seen"),
                        new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN), AT)));

        BatchPlan plan = BatchPlan.of(batch, Map.of(ALICE, new StoredWallet(ALICE, 1_000, 5)));

        assertThat(plan.newTransactions()).extracting(row -> row.identity().deltaCents(),
                TransactionRow::balanceAfterCents).containsExactly(
                        tuple(-300L, 700L), tuple(450L, 1_150L), tuple(40L, 1_190L), tuple(-90L, 1_100L),
                        tuple(0L, 1_100L), tuple(0L, 1_100L), tuple(0L, 1_100L));
        assertThat(plan.newTransactions()).extracting(row -> row.identity().outcome()).containsExactly(
                TransactionOutcome.APPLIED, TransactionOutcome.APPLIED, TransactionOutcome.APPLIED,
                TransactionOutcome.APPLIED, TransactionOutcome.REJECTED, TransactionOutcome.APPLIED,
                TransactionOutcome.TOMBSTONE);
        assertThat(plan.changedWallets()).containsExactly(new WalletRow("alice", 1_100, 12, null, 5));
    }

    @Test
    void a_second_rollback_of_an_original_within_the_batch_is_refused() {
        LoggedEvent tombstone = log.next(new RolledBack(UUID.randomUUID(), ALICE, 2, rollback("rb-1", "bet-1"),
                new RollbackEffect.NothingToRollBack(RollbackEffect.OriginalOutcome.UNKNOWN), AT));
        LoggedEvent again = log.next(new RolledBack(UUID.randomUUID(), ALICE, 3, rollback("rb-2", "bet-1"),
                new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.positive(5)), AT));

        assertThatThrownBy(() -> BatchPlan.of(List.of(tombstone, again), Map.of(ALICE, new StoredWallet(ALICE, 10, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolls back bet-1 again");
    }

    @Test
    void a_refund_that_would_pass_the_maximum_balance_is_refused() {
        LoggedEvent refund = log.next(new RolledBack(UUID.randomUUID(), ALICE, 2, rollback("rb-1", "bet-1"),
                new RollbackEffect.RefundBet(RoundId.of("r-1"), Amount.positive(2)), AT));

        assertThatThrownBy(() -> BatchPlan.of(List.of(refund),
                Map.of(ALICE, new StoredWallet(ALICE, Wallet.MAX_BALANCE_CENTS - 1, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maximum balance");
    }

    @Test
    void the_last_position_of_each_partition_is_kept() {
        TestLog other = new TestLog("partition-1");
        LoggedEvent first = log.open("alice", 1);
        LoggedEvent elsewhere = other.open("bob", 1);
        LoggedEvent last = log.add("alice", "won-1", 1);

        BatchPlan plan = BatchPlan.of(List.of(first, elsewhere, last), Map.of());

        assertThat(plan.lastPositions()).containsExactly(last.position(), elsewhere.position());
    }

    private static BetRequest bet(String reference, String round, long cents) {
        return new BetRequest(Reference.of(reference), RoundId.of(round), Amount.positive(cents), false, Metadata.NONE);
    }

    private static RollbackRequest rollback(String reference, String original) {
        return new RollbackRequest(Reference.of(reference), Reference.of(original));
    }
}

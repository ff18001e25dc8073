package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    private static final WalletId ALICE = WalletId.of("alice");

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
    void the_last_position_of_each_partition_is_kept() {
        TestLog other = new TestLog("partition-1");
        LoggedEvent first = log.open("alice", 1);
        LoggedEvent elsewhere = other.open("bob", 1);
        LoggedEvent last = log.add("alice", "won-1", 1);

        BatchPlan plan = BatchPlan.of(List.of(first, elsewhere, last), Map.of());

        assertThat(plan.lastPositions()).containsExactly(last.position(), elsewhere.position());
    }
}

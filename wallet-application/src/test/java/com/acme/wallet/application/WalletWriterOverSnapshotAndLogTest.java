package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletEvents.credit;
import static com.acme.wallet.application.WalletEvents.debit;
import static com.acme.wallet.application.WalletEvents.opened;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.InMemoryPartitionedLog.AppendFailure;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.WalletId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A ledger started over the snapshot-and-log loader serves what the log holds, remembers the
 * references the snapshot recorded, and reads a wallet in doubt back from the log alone.
 */
class WalletWriterOverSnapshotAndLogTest {

    private static final WalletId ALICE = wallet("alice");
    private static final WalletId BOB = wallet("bob");
    private static final WalletId CAROL = wallet("carol");

    private final InMemoryPartitionedLog log = new InMemoryPartitionedLog();
    private Ledger ledger;

    @BeforeEach
    void startOverASnapshotAndItsTail() {
        log.holding(opened("alice", 500), credit("alice", 2, 100, "wonbet-1"), opened("bob", 20));
        InMemorySnapshots snapshots = InMemorySnapshots.afterFirst(3, log);
        log.holding(debit("alice", 3, 50, "bet-1"), credit("bob", 2, 5, "wonbet-2"));
        ledger = aLedger().over(log, new SnapshotAndLogLoader(snapshots, log), log).started();
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    @Test
    void the_ledger_serves_the_balances_of_snapshot_and_tail_together() {
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 550));
        assertThat(ledger.find(BOB)).contains(new WalletBalance(BOB, 25));
        assertThat(ledger.find(CAROL)).isEmpty();
    }

    @Test
    void a_reference_the_snapshot_recorded_is_replayed_with_its_original_result_and_not_applied_again() {
        assertThat(Await.result(ledger.addFunds(change(ALICE, 100, "wonbet-1"))))
                .isEqualTo(new ChangeOutcome.Replayed(AppliedChange.of(credit("alice", 2, 100, "wonbet-1"), 600)));
        assertThat(Await.result(ledger.removeFunds(change(ALICE, 50, "bet-1"))))
                .isEqualTo(new ChangeOutcome.Replayed(AppliedChange.of(debit("alice", 3, 50, "bet-1"), 550)));
        assertThat(Await.result(ledger.addFunds(change(ALICE, 999, "wonbet-1"))))
                .isEqualTo(new ChangeOutcome.ReferenceConflict(ALICE, Reference.of("wonbet-1")));

        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 550));
        assertThat(log.size()).as("nothing appended but the starting barrier").isEqualTo(6);
    }

    @Test
    void new_changes_carry_on_from_the_last_sequence_of_the_tail() {
        assertThat(Await.result(ledger.removeFunds(change(ALICE, 150, "bet-2"))))
                .isInstanceOfSatisfying(ChangeOutcome.Accepted.class, accepted -> {
                    assertThat(accepted.change().sequence()).isEqualTo(4);
                    assertThat(accepted.change().balanceAfterCents()).isEqualTo(400);
                });
        assertThat(Await.result(ledger.removeFunds(change(BOB, 26, "bet-3"))))
                .isInstanceOfSatisfying(ChangeOutcome.Refused.class, refused -> {
                    assertThat(refused.refusal().code()).isEqualTo(RefusalCode.INSUFFICIENT_FUNDS);
                    assertThat(refused.refusal().balanceCents()).isEqualTo(25);
                    assertThat(refused.entry().balanceAfterCents()).isEqualTo(25);
                });
    }

    @Test
    void a_change_whose_append_outcome_was_unknown_is_read_back_from_the_log() {
        log.failingNextAppend(AppendFailure.STORED);

        assertThat(Await.failure(ledger.addFunds(change(ALICE, 25, "wonbet-3"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        Await.untilWritable(ledger, ALICE);

        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 575));
        assertThat(Await.result(ledger.addFunds(change(ALICE, 25, "wonbet-3"))))
                .isInstanceOfSatisfying(ChangeOutcome.Replayed.class, replayed -> {
                    assertThat(replayed.change().sequence()).isEqualTo(4);
                    assertThat(replayed.change().balanceAfterCents()).isEqualTo(575);
                });
    }

    @Test
    void an_opening_that_never_reached_the_log_leaves_no_wallet_and_can_be_sent_again() {
        log.failingNextAppend(AppendFailure.NOT_STORED);

        assertThat(Await.failure(ledger.open(opening("carol", 10))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        Await.untilWritable(ledger, CAROL);

        assertThat(ledger.find(CAROL)).isEmpty();
        assertThat(Await.result(ledger.open(opening("carol", 10)))).isEqualTo(new OpenOutcome.Opened(CAROL, 10));
        assertThat(ledger.find(CAROL)).contains(new WalletBalance(CAROL, 10));
    }
}

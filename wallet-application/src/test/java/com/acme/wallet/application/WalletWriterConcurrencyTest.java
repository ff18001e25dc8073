package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many clients on real threads hitting one wallet at the same moment. */
class WalletWriterConcurrencyTest {

    private static final WalletId ALICE = wallet("alice");

    private final ScriptedEventLog scriptedLog = new ScriptedEventLog();
    private Ledger ledger;
    private ParallelClients clients;

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        scriptedLog.close();
    }

    @Test
    void fifty_parallel_removals_of_ten_from_a_hundred_accept_exactly_ten_with_the_in_memory_log() {
        InMemoryEventLog log = new InMemoryEventLog();
        ledger = aLedger().over(log).started();
        Await.result(ledger.open(opening("alice", 100)));

        List<ChangeOutcome> outcomes = removeTenFiftyTimesInParallel();

        assertExactlyTenAcceptedAndFortyRefused(outcomes);
        assertThat(removalsIn(log.events())).hasSize(10);
    }

    @Test
    void fifty_parallel_removals_of_ten_from_a_hundred_accept_exactly_ten_when_the_log_confirms_on_other_threads() {
        scriptedLog.seedOpening(ALICE, 100);
        // Each append is confirmed after its own random pause, on one of two threads, so that
        // confirmations arrive out of order and on threads other than the clients'.
        scriptedLog.planAppends(event -> new ScriptedEventLog.Delay(
                Duration.ofNanos(ThreadLocalRandom.current().nextLong(2_000_000)), ScriptedEventLog.CONFIRM));
        ledger = aLedger().over(scriptedLog).started();

        List<ChangeOutcome> outcomes = removeTenFiftyTimesInParallel();

        assertExactlyTenAcceptedAndFortyRefused(outcomes);
        assertThat(removalsIn(scriptedLog.storedEvents())).hasSize(10);
        assertThat(ledger.inFlightCount()).isZero();
    }

    @Test
    void twenty_parallel_identical_credits_have_one_effect_and_twenty_identical_answers() {
        InMemoryEventLog log = new InMemoryEventLog();
        ledger = aLedger().over(log).started();
        Await.result(ledger.open(opening("alice", 100)));
        clients = new ParallelClients(20);

        List<ChangeOutcome> outcomes = clients.send(client -> ledger.addFunds(change(ALICE, 50, "wonbet-1")))
                .stream().map(Await::result).toList();

        assertOneAcceptedAndNineteenReplaysOfIt(outcomes);
        assertThat(log.events()).filteredOn(FundsChanged.class::isInstance).hasSize(1);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 150));
    }

    @Test
    void twenty_parallel_identical_credits_sent_while_the_first_is_in_flight_all_wait_for_its_one_effect() {
        scriptedLog.seedOpening(ALICE, 100).planEveryAppend(ScriptedEventLog.HOLD);
        ledger = aLedger().over(scriptedLog).started();
        clients = new ParallelClients(20);

        List<CompletableFuture<ChangeOutcome>> replies =
                clients.send(client -> ledger.addFunds(change(ALICE, 50, "wonbet-1")));

        assertThat(scriptedLog.receivedEvents()).hasSize(1);
        assertThat(replies).noneMatch(CompletableFuture::isDone);
        scriptedLog.heldChange("wonbet-1").confirm();
        assertOneAcceptedAndNineteenReplaysOfIt(replies.stream().map(Await::result).toList());
        assertThat(scriptedLog.storedEventsOf(ALICE)).filteredOn(FundsChanged.class::isInstance).hasSize(1);
    }

    private List<ChangeOutcome> removeTenFiftyTimesInParallel() {
        clients = new ParallelClients(50);
        return clients.send(client -> ledger.removeFunds(change(ALICE, 10, "bet-" + client)))
                .stream().map(Await::result).toList();
    }

    private void assertExactlyTenAcceptedAndFortyRefused(List<ChangeOutcome> outcomes) {
        assertThat(outcomes).filteredOn(ChangeOutcome.Accepted.class::isInstance).hasSize(10);
        assertThat(outcomes).filteredOn(ChangeOutcome.Refused.class::isInstance)
                .allMatch(refused -> ((ChangeOutcome.Refused) refused).refusal().code() == RefusalCode.INSUFFICIENT_FUNDS)
                .hasSize(40);
        // Each accepted removal reports a balance the log really held after it: 90, 80, ..., 0.
        assertThat(outcomes).filteredOn(ChangeOutcome.Accepted.class::isInstance)
                .extracting(outcome -> ((ChangeOutcome.Accepted) outcome).change().balanceAfterCents())
                .containsExactlyInAnyOrder(90L, 80L, 70L, 60L, 50L, 40L, 30L, 20L, 10L, 0L);
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 0));
    }

    private static void assertOneAcceptedAndNineteenReplaysOfIt(List<ChangeOutcome> outcomes) {
        assertThat(outcomes).hasSize(20);
        List<ChangeOutcome> accepted = outcomes.stream().filter(ChangeOutcome.Accepted.class::isInstance).toList();
        assertThat(accepted).hasSize(1);
        AppliedChange change = ((ChangeOutcome.Accepted) accepted.get(0)).change();
        assertThat(change.balanceAfterCents()).isEqualTo(150);
        assertThat(outcomes).filteredOn(ChangeOutcome.Replayed.class::isInstance)
                .hasSize(19)
                .allSatisfy(replayed -> assertThat(((ChangeOutcome.Replayed) replayed).change()).isEqualTo(change));
    }

    private static List<FundsChanged> removalsIn(List<WalletEvent> events) {
        return events.stream()
                .filter(FundsChanged.class::isInstance)
                .map(FundsChanged.class::cast)
                .filter(change -> change.operation() == FundsOperation.REMOVE)
                .toList();
    }
}

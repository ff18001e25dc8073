package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many random credits, debits and retries on a few wallets, while the log confirms, loses and
 * stores-but-fails appends at random and out of order. Whatever happened, the ledger must hold
 * exactly what the log holds, and no client may have been told anything the log contradicts.
 *
 * <p>Each run draws a new seed and names it in every assertion; rerun a failure with
 * {@code -Dwallet.randomSeed=<seed>}. Recovery runs on the ledger's own thread, so a rerun repeats
 * the requests and the log's choices but not every interleaving with recovery.
 */
class WalletWriterRandomizedInvariantTest {

    private static final int OPERATIONS = 2_000;
    private static final int MOST_HELD_AT_ONCE = 40;
    private static final long OPENING_CENTS = 500;
    private static final List<WalletId> WALLETS = List.of(wallet("alice"), wallet("bob"), wallet("carol"));

    private final long seed = Long.getLong("wallet.randomSeed", System.nanoTime());
    private final Random random = new Random(seed);
    private final ScriptedEventLog log = new ScriptedEventLog();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, List<Request>> attempts = new HashMap<>();
    private Ledger ledger;

    /** One request a client sent; retries send the same wallet, operation, amount and reference. */
    private record Request(WalletId walletId, FundsOperation operation, long cents, String reference,
            CompletableFuture<ChangeOutcome> reply) {}

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
        log.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void every_balance_equals_the_log_after_random_out_of_order_confirmations_and_failures() {
        WALLETS.forEach(walletId -> log.seedOpening(walletId, OPENING_CENTS));
        log.planAppends(event -> randomPlan());
        ledger = aLedger().over(log).started();

        for (int operation = 0; operation < OPERATIONS; operation++) {
            send(operation);
            settleSomeHeldAppends(random.nextInt(4));
            while (log.held().size() > MOST_HELD_AT_ONCE) {
                settleSomeHeldAppends(1);
            }
        }
        settleEverything();

        assertThat(ledger.readyForWrites()).as("ledger halted; seed %d", seed).isTrue();
        assertThat(log.violations()).as("seed %d", seed).isEmpty();
        assertThat(ledger.inFlightCount()).as("seed %d", seed).isZero();
        WALLETS.forEach(this::assertLedgerHoldsWhatTheLogHolds);
        assertEveryReplyAgreesWithTheLog();
        assertTheRunExercisedEveryPath();
    }

    private ScriptedEventLog.Plan randomPlan() {
        // Most appends wait for the test to settle them in random order; some settle themselves
        // on the log's threads, so that settlements also race with the test thread.
        if (random.nextInt(10) < 8) {
            return ScriptedEventLog.HOLD;
        }
        return new ScriptedEventLog.Delay(Duration.ofNanos(random.nextInt(1_000_000)), randomSettlement());
    }

    private ScriptedEventLog.Plan randomSettlement() {
        int draw = random.nextInt(100);
        if (draw < 4) {
            return ScriptedEventLog.FAIL_NOT_STORED;
        }
        return draw < 8 ? ScriptedEventLog.FAIL_BUT_STORED : ScriptedEventLog.CONFIRM;
    }

    private void send(int operation) {
        if (!requests.isEmpty() && random.nextInt(10) == 0) {
            Request earlier = requests.get(random.nextInt(requests.size()));
            if (mayBeRetried(earlier)) {
                send(earlier.walletId(), earlier.operation(), earlier.cents(), earlier.reference());
                return;
            }
        }
        FundsOperation direction = random.nextInt(10) < 4 ? FundsOperation.ADD : FundsOperation.REMOVE;
        send(WALLETS.get(random.nextInt(WALLETS.size())), direction, 1 + random.nextInt(200), "r-" + operation);
    }

    private void send(WalletId walletId, FundsOperation operation, long cents, String reference) {
        ChangeFundsCommand command = change(walletId, cents, reference);
        CompletableFuture<ChangeOutcome> reply = (operation == FundsOperation.ADD
                ? ledger.addFunds(command) : ledger.removeFunds(command)).toCompletableFuture();
        Request request = new Request(walletId, operation, cents, reference, reply);
        requests.add(request);
        attempts.computeIfAbsent(walletId + "/" + reference, key -> new ArrayList<>()).add(request);
    }

    /**
     * A client retries what failed for want of the log, and sometimes what succeeded (a lost
     * response); it never retries a business rejection, so a rejected reference stays out of the log.
     */
    private boolean mayBeRetried(Request request) {
        return request.reply().isDone() && attempts.get(request.walletId() + "/" + request.reference()).stream()
                .noneMatch(attempt -> attempt.reply().isDone() && !attempt.reply().isCompletedExceptionally()
                        && isRejection(attempt.reply().join()));
    }

    private void settleSomeHeldAppends(int count) {
        for (int i = 0; i < count; i++) {
            List<ScriptedEventLog.Append> held = log.held();
            if (held.isEmpty()) {
                return;
            }
            ScriptedEventLog.Append chosen = held.get(random.nextInt(held.size()));
            ScriptedEventLog.Plan settlement = randomSettlement();
            if (settlement instanceof ScriptedEventLog.FailNotStored) {
                chosen.failNotStored();
            } else if (settlement instanceof ScriptedEventLog.FailButStored) {
                chosen.failButStored();
            } else {
                chosen.confirm();
            }
        }
    }

    private void settleEverything() {
        while (!log.held().isEmpty()) {
            settleSomeHeldAppends(log.held().size());
        }
        Await.until("delayed appends settle; seed " + seed, () -> log.pendingCount() == 0);
        WALLETS.forEach(walletId -> Await.untilWritable(ledger, walletId));
        requests.forEach(request -> Await.until("every client is answered; seed " + seed, request.reply()::isDone));
    }

    private void assertLedgerHoldsWhatTheLogHolds(WalletId walletId) {
        List<WalletEvent> stored = log.storedEventsOf(walletId);
        List<String> references = stored.stream().filter(ReferencedEvent.class::isInstance)
                .map(event -> ((ReferencedEvent) event).reference().value()).toList();
        assertThat(references).as("references stored twice for %s; seed %d", walletId, seed).doesNotHaveDuplicates();
        assertThat(stored).extracting(WalletEvent::sequence)
                .as("sequences of %s; seed %d", walletId, seed).isSorted().doesNotHaveDuplicates();
        Wallet replayed = Wallet.replay(walletId, stored);
        assertThat(replayed.balanceCents()).as("balance of %s; seed %d", walletId, seed).isNotNegative();
        assertThat(ledger.find(walletId)).as("ledger balance of %s; seed %d", walletId, seed)
                .contains(new WalletBalance(walletId, replayed.balanceCents()));
    }

    private void assertEveryReplyAgreesWithTheLog() {
        Set<String> acceptedReferences = new HashSet<>();
        for (Request request : requests) {
            if (request.reply().isCompletedExceptionally()) {
                assertThat(Await.failure(request.reply())).as("seed %d", seed)
                        .isInstanceOf(TemporarilyUnavailableException.class);
                continue;
            }
            ChangeOutcome outcome = request.reply().join();
            Wallet replayed = Wallet.replay(request.walletId(), log.storedEventsOf(request.walletId()));
            AppliedChange stored = replayed.appliedChange(Reference.of(request.reference())).orElse(null);
            if (outcome instanceof ChangeOutcome.Accepted accepted) {
                assertThat(acceptedReferences.add(request.walletId() + "/" + request.reference()))
                        .as("%s accepted twice; seed %d", request.reference(), seed).isTrue();
                assertThat(stored).as("accepted %s is in the log as told; seed %d", request.reference(), seed)
                        .isEqualTo(accepted.change());
            } else if (outcome instanceof ChangeOutcome.Replayed replayedOutcome) {
                assertThat(stored).as("replayed %s is in the log as told; seed %d", request.reference(), seed)
                        .isEqualTo(replayedOutcome.change());
            } else if (outcome instanceof ChangeOutcome.Refused refused) {
                assertThat(replayed.entry(Reference.of(request.reference())))
                        .as("refused %s is in the log as told; seed %d", request.reference(), seed)
                        .contains(refused.entry());
            } else {
                assertThat(stored).as("%s answered %s yet in the log; seed %d", request.reference(), outcome, seed)
                        .isNull();
            }
        }
    }

    private void assertTheRunExercisedEveryPath() {
        // A run where nothing failed or nothing was refused would prove little; say so loudly.
        assertThat(requests).as("seed %d", seed)
                .anyMatch(request -> request.reply().isCompletedExceptionally())
                .anyMatch(request -> outcomeIs(request, ChangeOutcome.Accepted.class))
                .anyMatch(request -> outcomeIs(request, ChangeOutcome.Replayed.class))
                .anyMatch(request -> outcomeIs(request, ChangeOutcome.Refused.class));
    }

    private static boolean outcomeIs(Request request, Class<? extends ChangeOutcome> type) {
        return !request.reply().isCompletedExceptionally() && type.isInstance(request.reply().join());
    }

    private static boolean isRejection(ChangeOutcome outcome) {
        return !(outcome instanceof ChangeOutcome.Accepted) && !(outcome instanceof ChangeOutcome.Replayed);
    }
}

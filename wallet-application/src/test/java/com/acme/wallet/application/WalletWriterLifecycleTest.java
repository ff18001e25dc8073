package com.acme.wallet.application;

import static com.acme.wallet.application.LedgerBuilder.aLedger;
import static com.acme.wallet.application.WalletRequests.change;
import static com.acme.wallet.application.WalletRequests.opening;
import static com.acme.wallet.application.WalletRequests.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.TemporarilyUnavailableException;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.application.port.out.LoadWalletsPort;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.WalletId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ledger takes writes only between start, which loads the log, and close, which drains it. */
class WalletWriterLifecycleTest {

    private static final WalletId ALICE = wallet("alice");
    private static final WalletId BOB = wallet("bob");

    private final ScriptedEventLog log = new ScriptedEventLog();
    private final ExecutorService closer = Executors.newSingleThreadExecutor();
    private Ledger ledger;

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
        closer.shutdownNow();
        log.close();
    }

    @Test
    void writes_and_reads_before_start_are_refused_as_temporarily_unavailable() {
        ledger = aLedger().over(log.seedOpening(ALICE, 100)).build();

        assertThat(ledger.readyForWrites()).isFalse();
        assertThat(Await.failure(ledger.open(opening("bob", 10)))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(ledger.addFunds(change(ALICE, 10, "wonbet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 10, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class);
        assertThatThrownBy(() -> ledger.find(ALICE)).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(log.receivedEvents()).isEmpty();
    }

    @Test
    void start_loads_every_wallet_the_log_holds_and_carries_on_from_its_last_sequence() {
        log.seedOpening(ALICE, 500)
                .seedChange(ALICE, 2, FundsOperation.ADD, 100, "wonbet-1")
                .seedChange(ALICE, 3, FundsOperation.REMOVE, 50, "bet-1")
                .seedOpening(BOB, 20);
        ledger = aLedger().over(log).started();

        assertThat(ledger.readyForWrites()).isTrue();
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 550));
        assertThat(ledger.find(BOB)).contains(new WalletBalance(BOB, 20));
        assertThat(Await.result(ledger.addFunds(change(ALICE, 100, "wonbet-1"))))
                .isInstanceOfSatisfying(ChangeOutcome.Replayed.class, replayed -> {
                    assertThat(replayed.change().sequence()).isEqualTo(2);
                    assertThat(replayed.change().balanceAfterCents()).isEqualTo(600);
                });
        assertThat(Await.result(ledger.removeFunds(change(ALICE, 10, "bet-2"))))
                .isInstanceOfSatisfying(ChangeOutcome.Accepted.class, accepted -> {
                    assertThat(accepted.change().sequence()).isEqualTo(4);
                    assertThat(accepted.change().balanceAfterCents()).isEqualTo(540);
                });
        assertThat(Await.result(ledger.open(opening("bob", 0))))
                .isEqualTo(new OpenOutcome.AlreadyExists(BOB));
    }

    @Test
    void a_start_whose_load_failed_halfway_can_be_repeated_and_loads_afresh() {
        log.seedOpening(ALICE, 500).seedOpening(BOB, 20);
        AtomicInteger loads = new AtomicInteger();
        LoadWalletsPort failingOnce = (barrier, sink) -> {
            if (loads.incrementAndGet() == 1) {
                log.loadAll(barrier, wallet -> {
                    sink.accept(wallet);
                    throw new UncheckedIOException(new IOException("store went away after one wallet (scripted)"));
                });
            }
            log.loadAll(barrier, sink);
        };
        ledger = aLedger().over(log, failingOnce, log).build();

        assertThatThrownBy(ledger::start).isInstanceOf(UncheckedIOException.class);
        assertThat(ledger.readyForWrites()).isFalse();
        assertThatThrownBy(() -> ledger.find(ALICE)).isInstanceOf(TemporarilyUnavailableException.class);

        ledger.start();

        assertThat(loads).hasValue(2);
        assertThat(ledger.readyForWrites()).isTrue();
        assertThat(ledger.find(ALICE)).contains(new WalletBalance(ALICE, 500));
        assertThat(ledger.find(BOB)).contains(new WalletBalance(BOB, 20));
    }

    @Test
    void starting_twice_is_a_programming_error() {
        ledger = aLedger().over(log).started();

        assertThatThrownBy(ledger::start).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.readyForWrites()).isTrue();
    }

    @Test
    void writes_after_close_are_refused_as_temporarily_unavailable() {
        ledger = aLedger().over(log.seedOpening(ALICE, 100)).started();

        ledger.close();

        assertThat(ledger.readyForWrites()).isFalse();
        assertThat(Await.failure(ledger.removeFunds(change(ALICE, 10, "bet-1"))))
                .isInstanceOf(TemporarilyUnavailableException.class)
                .hasMessageContaining("stopping");
        assertThat(Await.failure(ledger.open(opening("bob", 10)))).isInstanceOf(TemporarilyUnavailableException.class);
        assertThat(log.receivedEvents()).isEmpty();
    }

    @Test
    void close_waits_for_the_changes_in_flight_to_be_confirmed() throws Exception {
        ledger = aLedger().over(log.seedOpening(ALICE, 100)).withDrainTimeout(Duration.ofSeconds(5)).started();
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> reply = ledger.removeFunds(change(ALICE, 10, "bet-1")).toCompletableFuture();
        AtomicInteger heldWhenClosed = new AtomicInteger(-1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            ledger.close();
            heldWhenClosed.set(log.held().size());
        }, closer);
        Await.until("the ledger stops taking writes", () -> !ledger.readyForWrites());
        // A close that did not wait would be done by now; one that waits can only pass this.
        assertThatThrownBy(() -> closing.get(50, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        log.heldChange("bet-1").confirm();

        Await.result(closing);
        assertThat(heldWhenClosed).hasValue(0);
        assertThat(Await.result(reply)).isInstanceOf(ChangeOutcome.Accepted.class);
        assertThat(ledger.inFlightCount()).isZero();
    }

    @Test
    void close_stops_waiting_after_the_drain_timeout() {
        ledger = aLedger().over(log.seedOpening(ALICE, 100)).withDrainTimeout(Duration.ofMillis(50)).started();
        log.planEveryAppend(ScriptedEventLog.HOLD);
        CompletableFuture<ChangeOutcome> reply = ledger.removeFunds(change(ALICE, 10, "bet-1")).toCompletableFuture();

        Await.result(CompletableFuture.runAsync(ledger::close, closer));

        assertThat(ledger.inFlightCount()).isEqualTo(1);
        assertThat(reply).isNotDone();
        // A confirmation that arrives after the drain still answers the client that waits for it.
        log.heldChange("bet-1").confirm();
        assertThat(Await.result(reply)).isInstanceOf(ChangeOutcome.Accepted.class);
    }
}

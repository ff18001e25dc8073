package com.acme.wallet.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many threads change a few wallets at once, two threads sending every request (a client and its
 * retry racing): each reference is decided once, the balances are exact and never negative.
 */
class InMemoryWalletServiceConcurrencyTest {

    private static final int WALLETS = 3;
    private static final int THREADS_PER_TWIN = 3;
    private static final int REQUESTS_PER_THREAD = 400;
    private static final long OPENING_CENTS = 100;
    private static final long TIMEOUT_SECONDS = 60;

    private final InMemoryWalletService wallets = new InMemoryWalletService(Clock.systemUTC(), UUID::randomUUID);
    private final ConcurrentHashMap<Reference, ChangeOutcome> firstAnswers = new ConcurrentHashMap<>();
    private final AtomicLong[] acceptedDeltaCents = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    @Test
    void twin_threads_sending_the_same_requests_apply_each_reference_once_and_leave_exact_balances()
            throws Exception {
        for (int wallet = 0; wallet < WALLETS; wallet++) {
            wallets.open(walletId(wallet), Amount.ofCents(OPENING_CENTS));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_TWIN);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 2 * THREADS_PER_TWIN; thread++) {
                int twin = thread % THREADS_PER_TWIN;
                done.add(threads.submit(() -> {
                    start.await();
                    sendAll(twin);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : done) {
                thread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(firstAnswers).hasSize(THREADS_PER_TWIN * REQUESTS_PER_THREAD);
        for (int wallet = 0; wallet < WALLETS; wallet++) {
            WalletId walletId = walletId(wallet);
            long expectedCents = OPENING_CENTS + acceptedDeltaCents[wallet].get();
            assertThat(wallets.balanceCents(walletId)).as("balance of %s", walletId).hasValue(expectedCents);
            // Replaying the journal checks every step again: no negative balance, no reference twice.
            assertThat(Wallet.replay(walletId, wallets.journal(walletId)).balanceCents()).isEqualTo(expectedCents);
        }
    }

    /** Sends one twin's requests; its twin thread sends the very same ones. */
    private void sendAll(int twin) {
        for (int request = 0; request < REQUESTS_PER_THREAD; request++) {
            int wallet = request % WALLETS;
            Reference reference = Reference.of("twin" + twin + "-" + request);
            // Credits of 7 and debits of 11, two debits in three: the wallets run dry and refuse some.
            boolean credit = request % 3 == 0;
            ChangeOutcome outcome = credit
                    ? wallets.addFunds(walletId(wallet), Amount.positive(7), reference)
                    : wallets.removeFunds(walletId(wallet), Amount.positive(11), reference);
            record(wallet, reference, outcome);
        }
    }

    /** Exactly one of the twins is answered first; the other must be told the same, as a replay. */
    private void record(int wallet, Reference reference, ChangeOutcome outcome) {
        if (outcome instanceof ChangeOutcome.Accepted accepted) {
            assertThat(firstAnswers.putIfAbsent(reference, outcome)).as("first answer for %s", reference).isNull();
            long cents = accepted.change().amount().cents();
            acceptedDeltaCents[wallet].addAndGet(accepted.change().operation() == FundsOperation.ADD ? cents : -cents);
        } else if (outcome instanceof ChangeOutcome.Refused refused && !refused.replayed()) {
            assertThat(firstAnswers.putIfAbsent(reference, outcome)).as("first answer for %s", reference).isNull();
        } else {
            assertThat(outcome).isInstanceOfAny(ChangeOutcome.Replayed.class, ChangeOutcome.Refused.class);
        }
    }

    private static WalletId walletId(int wallet) {
        return WalletId.of("player-" + wallet);
    }
}

package com.acme.wallet.bench.jmh;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.domain.WalletId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wallet's decision: one credit and one debit, each decided and then confirmed, on a wallet
 * with a balance. Every operation is accepted, and the benchmark fails if one is not.
 *
 * <p>A wallet remembers every reference it applied, so one wallet over millions of operations
 * would measure a growing map and fill the heap. Instead each wallet takes {@value #PAIRS_PER_WALLET}
 * credit-debit pairs with references made in advance (the service makes them while parsing, not
 * while deciding), and is then replaced by a freshly restored one: one cheap restore per
 * {@value #PAIRS_PER_WALLET} operations, included in the time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WalletDecisionBenchmark {

    static final int PAIRS_PER_WALLET = 1_024;
    static final long OPENING_BALANCE_CENTS = 100_000_000;

    /** The service's clock: UTC at PostgreSQL's microsecond precision. */
    private static final Clock SERVICE_CLOCK = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    private final WalletId walletId = WalletId.of("andrei");
    private final Amount credit = Amount.positive(1_000);
    private final Amount debit = Amount.positive(700);
    private final EventStamp fixedStamp =
            new EventStamp(UUID.fromString("00000000-0000-4000-8000-000000000001"), Instant.EPOCH);
    private Reference[] creditReferences;
    private Reference[] debitReferences;
    private Wallet wallet;
    private int pair;

    /** Makes the references and the first wallet. */
    @Setup
    public void setUp() {
        creditReferences = new Reference[PAIRS_PER_WALLET];
        debitReferences = new Reference[PAIRS_PER_WALLET];
        for (int i = 0; i < PAIRS_PER_WALLET; i++) {
            creditReferences[i] = Reference.of("wonbet-" + i);
            debitReferences[i] = Reference.of("bet-" + i);
        }
        wallet = freshWallet();
    }

    /** {@return the balance after a credit and a debit, with a fixed id and time: the decision alone} */
    @Benchmark
    public long creditThenDebit() {
        return creditThenDebit(fixedStamp, fixedStamp);
    }

    /**
     * {@return the balance after a credit and a debit, each stamped as the service stamps events: a
     * random UUID and the microsecond clock}
     */
    @Benchmark
    public long creditThenDebitStampedLikeTheService() {
        return creditThenDebit(serviceStamp(), serviceStamp());
    }

    private long creditThenDebit(EventStamp creditStamp, EventStamp debitStamp) {
        if (pair == PAIRS_PER_WALLET) {
            wallet = freshWallet();
            pair = 0;
        }
        decideAndConfirm(FundsOperation.ADD, credit, creditReferences[pair], creditStamp);
        long balanceCents = decideAndConfirm(FundsOperation.REMOVE, debit, debitReferences[pair], debitStamp);
        pair++;
        return balanceCents;
    }

    private long decideAndConfirm(FundsOperation operation, Amount amount, Reference reference, EventStamp stamp) {
        Decision<ChangeOutcome> decision = wallet.decideChange(operation, amount, reference, stamp);
        if (!(decision instanceof Decision.Append<ChangeOutcome> append)) {
            throw new IllegalStateException("the benchmark expects every change accepted, not " + decision);
        }
        WalletEvent event = append.event();
        return wallet.confirm(event);
    }

    private Wallet freshWallet() {
        // Restored from its opening with no forgotten history: every decision is made in memory.
        return Wallet.restore(new WalletOpened(UUID.randomUUID(), walletId, WalletEvent.FIRST_SEQUENCE,
                Amount.ofCents(OPENING_BALANCE_CENTS), SERVICE_CLOCK.instant()), OPENING_BALANCE_CENTS,
                WalletEvent.FIRST_SEQUENCE, List.of());
    }

    private static EventStamp serviceStamp() {
        return new EventStamp(UUID.randomUUID(), SERVICE_CLOCK.instant());
    }
}

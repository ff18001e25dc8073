package com.acme.wallet.bench.jmh;

import com.acme.wallet.adapter.pulsar.PulsarEventCodec;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.bench.ChangeRequest;
import com.acme.wallet.bench.NaiveMessage;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
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
 * A change's bytes on their way to Pulsar: the service's event, encoded by the Pulsar adapter's own
 * {@link PulsarEventCodec} (the one {@code PulsarEventLog} appends with), and, for comparison, the
 * naive ceiling's smaller message written by an ObjectMapper.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventEncodingBenchmark {

    private PulsarEventCodec codec;
    private FundsChanged event;
    private ChangeRequest request;

    /** Prepares an event as the service decides it: microsecond time, random id, sequence past the opening. */
    @Setup
    public void setUp() {
        codec = new PulsarEventCodec();
        event = new FundsChanged(UUID.fromString("5b0f7c1e-3f7a-4a4e-9d1c-2a6f1e0c9b11"), WalletId.of("andrei"), 42,
                FundsOperation.ADD, Amount.positive(10), Reference.of("wonbet-1"),
                Instant.parse("2025-11-26T15:04:05.123456Z"));
        request = new ChangeRequest(event.operation(),
                new ChangeFundsCommand(event.walletId(), event.amount(), event.reference(), Caller.ANONYMOUS));
    }

    /** {@return the service's event as the bytes of one Pulsar message} */
    @Benchmark
    public byte[] encodeServiceEvent() {
        return codec.encode(event);
    }

    /** {@return the naive ceiling's message for the same change} */
    @Benchmark
    public byte[] encodeNaiveMessage() {
        return NaiveMessage.of(request).toJson();
    }
}

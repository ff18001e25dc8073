package com.acme.wallet.adapter.metrics;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.WriterPhase;
import com.acme.wallet.application.port.out.RecordWriterMetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The single writer's meters: each append's latency and each read-back as the writer reports them,
 * and what the writer holds now (changes in flight, wallets in doubt and held, its phase) read from
 * it at each scrape.
 */
public final class MicrometerWriterMetrics implements RecordWriterMetricsPort {

    /** From 1 ms to 10 s: the Pulsar adapter fails an append after its 3 s send timeout. */
    private static final Duration[] APPEND_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    /** From 10 ms to 60 s: a barrier, then one read of the log; a barrier waits at most 30 s. */
    private static final Duration[] READ_BACK_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final Timer appendsConfirmed;
    private final Timer appendsFailed;
    private final Timer readBacksSucceeded;
    private final Timer readBacksFailed;
    private final Counter walletsReadBack;

    /**
     * Creates the writer's meters in the registry.
     *
     * @param registry where they go
     */
    public MicrometerWriterMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.appendsConfirmed = appendTimer("confirmed");
        this.appendsFailed = appendTimer("failed");
        this.readBacksSucceeded = readBackTimer("succeeded");
        this.readBacksFailed = readBackTimer("failed");
        this.walletsReadBack = Counter.builder("wallet.readback.wallets")
                .description("Wallets in doubt read back from the log (recovered)")
                .register(registry);
    }

    /**
     * Reads what the writer holds at every scrape.
     *
     * @param writer the writer measured
     */
    public void observe(WalletWriter writer) {
        Objects.requireNonNull(writer, "writer");
        Gauge.builder("wallet.writer.changes.in.flight", writer, WalletWriter::inFlightCount)
                .description("Changes of all wallets appended to the log and not yet settled")
                .strongReference(true).register(registry);
        Gauge.builder("wallet.writer.wallets.in.doubt", writer, WalletWriter::walletsInDoubtCount)
                .description("Wallets whose append was not confirmed: no writes until read back")
                .strongReference(true).register(registry);
        Gauge.builder("wallet.writer.wallets.held", writer, WalletWriter::walletsHeld)
                .description("Wallets the writer holds in memory")
                .strongReference(true).register(registry);
        Gauge.builder("wallet.writer.fenced", writer, held -> held.phase() == WriterPhase.FENCED ? 1 : 0)
                .description("1 once another writer took the log over: this one takes no more writes")
                .strongReference(true).register(registry);
        for (WriterPhase phase : WriterPhase.values()) {
            Gauge.builder("wallet.writer.phase", writer, held -> held.phase() == phase ? 1 : 0)
                    .description("1 for the writer's phase now, 0 for the others")
                    .tag("phase", phase.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
    }

    @Override
    public void appendSettled(long latencyNanos, boolean confirmed) {
        (confirmed ? appendsConfirmed : appendsFailed).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void readBackEnded(int wallets, long durationNanos, boolean succeeded) {
        (succeeded ? readBacksSucceeded : readBacksFailed).record(durationNanos, TimeUnit.NANOSECONDS);
        if (succeeded) {
            walletsReadBack.increment(wallets);
        }
    }

    private Timer appendTimer(String outcome) {
        return Timer.builder("wallet.log.append")
                .description("Appends to the log, from hand-over to the log's confirmation or failure")
                .tag("outcome", outcome)
                .serviceLevelObjectives(APPEND_BUCKETS)
                .register(registry);
    }

    private Timer readBackTimer(String outcome) {
        return Timer.builder("wallet.readback")
                .description("Rounds of read-back (recovery) of wallets in doubt, barrier and read included")
                .tag("outcome", outcome)
                .serviceLevelObjectives(READ_BACK_BUCKETS)
                .register(registry);
    }
}

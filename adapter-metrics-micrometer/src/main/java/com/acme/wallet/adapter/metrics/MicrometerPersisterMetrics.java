package com.acme.wallet.adapter.metrics;

import com.acme.wallet.application.port.out.RecordPersisterMetricsPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The batch consumer's meters: events persisted and repeats ignored, batch sizes, commit latency,
 * retries of PostgreSQL and of Pulsar, how far the stored history is behind the newest event
 * received, and whether it persists now.
 */
public final class MicrometerPersisterMetrics implements RecordPersisterMetricsPort {

    /** From 1 ms to 30 s, PostgreSQL's statement timeout for a batch. */
    private static final Duration[] COMMIT_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30)};

    /** Up to the largest batch allowed, 10,000 events. */
    private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    private final Clock clock;
    private final Counter persisted;
    private final Counter duplicates;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter postgresRetries;
    private final Counter pulsarRetries;
    /** Milliseconds; written by the persister's one thread, read by scrapes. */
    private volatile long lagMillis;

    /**
     * Creates the consumer's meters in the registry.
     *
     * @param registry where they go
     * @param clock the time the lag is measured against
     * @param persisting whether the consumer persists now (its readiness)
     */
    public MicrometerPersisterMetrics(MeterRegistry registry, Clock clock, BooleanSupplier persisting) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(persisting, "persisting");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.persisted = Counter.builder("wallet.consumer.events.persisted")
                .description("Events stored in PostgreSQL for the first time").register(registry);
        this.duplicates = Counter.builder("wallet.consumer.events.duplicate")
                .description("Redelivered events found already stored, and ignored").register(registry);
        this.batchSizes = DistributionSummary.builder("wallet.consumer.batch.size").baseUnit("events")
                .description("Events per batch committed").serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        this.commits = Timer.builder("wallet.consumer.commit")
                .description("Time to store one batch in one PostgreSQL transaction (successful attempts)")
                .serviceLevelObjectives(COMMIT_BUCKETS).register(registry);
        this.postgresRetries = retries(registry, "postgresql");
        this.pulsarRetries = retries(registry, "pulsar");
        Gauge.builder("wallet.consumer.lag", this, metrics -> metrics.lagMillis / 1_000.0).baseUnit("seconds")
                .description("Age of the newest event of the last batch when it was committed; 0 once a receive "
                        + "finds nothing more").strongReference(true).register(registry);
        Gauge.builder("wallet.consumer.persisting", persisting, ready -> ready.getAsBoolean() ? 1 : 0)
                .description("1 while the consumer persists: subscribed, and neither receiving nor storing fails")
                .strongReference(true).register(registry);
    }

    @Override
    public void batchCommitted(int events, long persistedEvents, long duplicateEvents, long commitNanos,
            Instant newestEventOccurredAt) {
        persisted.increment(persistedEvents);
        duplicates.increment(duplicateEvents);
        batchSizes.record(events);
        commits.record(commitNanos, TimeUnit.NANOSECONDS);
        lagMillis = Math.max(0, clock.millis() - newestEventOccurredAt.toEpochMilli());
    }

    @Override
    public void drained() {
        lagMillis = 0;
    }

    @Override
    public void storeRetried() {
        postgresRetries.increment();
    }

    @Override
    public void receiveRetried() {
        pulsarRetries.increment();
    }

    private static Counter retries(MeterRegistry registry, String dependency) {
        return Counter.builder("wallet.consumer.retries")
                .description("Failed attempts retried after a pause, by the dependency that failed")
                .tag("dependency", dependency).register(registry);
    }
}

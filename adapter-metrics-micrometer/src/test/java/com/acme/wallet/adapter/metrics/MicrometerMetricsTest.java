package com.acme.wallet.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.WriterSettings;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.application.port.in.WalletUseCases;
import com.acme.wallet.application.service.WalletServices;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();

    @AfterEach
    void closeRegistry() {
        metrics.close();
    }

    @Test
    void appends_are_timed_and_what_the_writer_holds_is_read_at_each_scrape() {
        InMemoryEventLog log = new InMemoryEventLog();
        MicrometerWriterMetrics writerMetrics = new MicrometerWriterMetrics(metrics.registry());
        WalletWriter writer = new WalletWriter(log, log, log, new InMemoryStoredChanges(), Clock.systemUTC(),
                UUID::randomUUID, WriterSettings.defaults(), writerMetrics);
        writerMetrics.observe(writer);
        assertThat(metrics.scrape()).contains("wallet_writer_phase{phase=\"starting\"} 1");

        writer.start();
        WalletUseCases useCases = WalletServices.over(writer, new InMemoryWalletHistory(log::events));
        WalletId erin = WalletId.of("erin");
        useCases.openWallet().open(new OpenWalletCommand(erin, Amount.ofCents(100), Caller.ANONYMOUS)).toCompletableFuture().join();
        useCases.addFunds().addFunds(new ChangeFundsCommand(erin, Amount.ofCents(5), Reference.of("r-1"), Caller.ANONYMOUS))
                .toCompletableFuture().join();
        String scrape = metrics.scrape();

        assertThat(scrape).contains("wallet_log_append_seconds_count{outcome=\"confirmed\"} 2")
                .contains("wallet_log_append_seconds_count{outcome=\"failed\"} 0")
                .contains("wallet_writer_wallets_held 1")
                .contains("wallet_writer_changes_in_flight 0")
                .contains("wallet_writer_wallets_in_doubt 0")
                .contains("wallet_writer_fenced 0")
                .contains("wallet_writer_phase{phase=\"serving\"} 1")
                .contains("wallet_writer_phase{phase=\"starting\"} 0")
                .contains("wallet_readback_seconds_count{outcome=\"succeeded\"} 0")
                .contains("jvm_memory_used_bytes{");
        writer.close();
    }

    @Test
    void a_read_back_is_timed_by_outcome_and_counts_its_wallets() {
        MicrometerWriterMetrics writerMetrics = new MicrometerWriterMetrics(metrics.registry());

        writerMetrics.readBackEnded(3, 5_000_000, true);
        writerMetrics.readBackEnded(2, 1_000_000, false);

        assertThat(metrics.scrape()).contains("wallet_readback_seconds_count{outcome=\"succeeded\"} 1")
                .contains("wallet_readback_seconds_count{outcome=\"failed\"} 1")
                .contains("wallet_readback_wallets_total 3");
    }

    @Test
    void a_batch_moves_the_consumer_counters_and_its_lag_falls_to_zero_once_drained() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:10Z"), ZoneOffset.UTC);
        MicrometerPersisterMetrics consumer = new MicrometerPersisterMetrics(metrics.registry(), clock, () -> true);

        consumer.batchCommitted(5, 4, 1, 2_000_000, Instant.parse("2026-01-01T00:00:07Z"));
        consumer.storeRetried();
        String behind = metrics.scrape();
        consumer.drained();
        String drained = metrics.scrape();

        assertThat(behind).contains("wallet_consumer_events_persisted_total 4")
                .contains("wallet_consumer_events_duplicate_total 1")
                .contains("wallet_consumer_batch_size_events_count 1")
                .contains("wallet_consumer_batch_size_events_sum 5")
                .contains("wallet_consumer_commit_seconds_count 1")
                .contains("wallet_consumer_retries_total{dependency=\"postgresql\"} 1")
                .contains("wallet_consumer_retries_total{dependency=\"pulsar\"} 0")
                .contains("wallet_consumer_lag_seconds 3")
                .contains("wallet_consumer_persisting 1");
        assertThat(drained).contains("wallet_consumer_lag_seconds 0");
    }
}

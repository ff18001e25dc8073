package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both programs' metrics, scraped as Prometheus would while traffic flows: the REST API's at
 * {@code GET /metrics} on its own port, the batch consumer's on its management port, with
 * {@code GET /ready}. Every number asserted is one the traffic moved.
 */
@Timeout(600)
class MetricsIT {

    private static final Duration PERSISTED_BOUND = Duration.ofMinutes(2);
    private static final int CHANGES = 20;

    @Test
    void both_programs_count_the_traffic_they_serve_and_persist() {
        int managementPort = Stack.freePort();
        try (Stack stack = new Stack();
                ProgramProcess consumer = stack.startBatchConsumer(
                        Map.of("WALLET_MANAGEMENT_PORT", Integer.toString(managementPort)));
                Stack.RestApi api = stack.startRestApi()) {
            ApiClient management = ApiClient.management(managementPort);
            Stack.await(() -> "the consumer's management endpoint to answer\n" + consumer.logTail(), PERSISTED_BOUND,
                    () -> answers(management, "/metrics"));
            ApiClient client = api.client();
            String before = client.read("/metrics").body();

            assertThat(client.open("metered", 1_000).status()).isEqualTo(201);
            for (int change = 0; change < CHANGES; change++) {
                assertThat(client.add("metered", 10, "add-" + change).status()).isEqualTo(201);
            }
            assertThat(client.get("metered").status()).isEqualTo(200);
            assertThat(client.get("nobody").status()).isEqualTo(404);
            assertThat(client.readInvalidOnPurpose("/no/such/route").status()).isEqualTo(404);
            ApiClient.Reply scraped = client.read("/metrics");

            assertThat(scraped.status()).isEqualTo(200);
            String after = scraped.body();
            String adds = "wallet_http_requests_seconds_count{method=\"POST\",route=\"/add-funds/{userId}\","
                    + "status=\"201\"}";
            // A series appears with its first request: absent before means none yet.
            assertThat(sample(after, adds) - find(before, adds).orElse(0.0)).isEqualTo(CHANGES);
            assertThat(sample(after, "wallet_http_requests_seconds_count{method=\"GET\",route=\"/wallet/{userId}\","
                    + "status=\"404\"}")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "wallet_http_requests_seconds_count{method=\"GET\",route=\"unmatched\","
                    + "status=\"404\"}")).isGreaterThanOrEqualTo(1);
            assertThat(after).doesNotContain("metered").doesNotContain("/no/such/route");
            String appends = "wallet_log_append_seconds_count{outcome=\"confirmed\"}";
            assertThat(sample(after, appends) - find(before, appends).orElse(0.0)).isGreaterThanOrEqualTo(CHANGES + 1);
            assertThat(sample(after, "wallet_writer_wallets_held")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "wallet_writer_wallets_in_doubt")).isZero();
            assertThat(sample(after, "wallet_writer_fenced")).isZero();
            assertThat(sample(after, "wallet_writer_phase{phase=\"serving\"}")).isEqualTo(1);
            assertThat(after).contains("hikaricp_connections{pool=\"wallet-lookups\"}")
                    .contains("hikaricp_connections{pool=\"wallet-history\"}").contains("jvm_memory_used_bytes{");

            Stack.await(() -> "the consumer to count the changes persisted\n" + consumer.logTail(), PERSISTED_BOUND,
                    () -> sampleOrZero(management, "wallet_consumer_events_persisted_total") >= CHANGES + 1);
            Stack.await(() -> "the consumer to be ready\n" + consumer.logTail(), PERSISTED_BOUND,
                    () -> management.read("/ready").status() == 200);
            String consumed = management.read("/metrics").body();
            assertThat(sample(consumed, "wallet_consumer_batch_size_events_count")).isGreaterThanOrEqualTo(1);
            assertThat(sample(consumed, "wallet_consumer_batch_size_events_sum")).isGreaterThanOrEqualTo(CHANGES + 1);
            assertThat(sample(consumed, "wallet_consumer_commit_seconds_count")).isGreaterThanOrEqualTo(1);
            assertThat(sample(consumed, "wallet_consumer_persisting")).isEqualTo(1);
            assertThat(sample(consumed, "wallet_consumer_retries_total{dependency=\"postgresql\"}")).isZero();
            assertThat(consumed).contains("wallet_consumer_lag_seconds ")
                    .contains("wallet_consumer_events_duplicate_total ")
                    .contains("hikaricp_connections{pool=\"wallet-postgres\"}");
            everyDashboardQueryFindsItsSeries(after + consumed);
        }
    }

    /**
     * The Grafana dashboard reads only metrics the programs publish, with label values they use:
     * each metric name of its queries is a sample of one of the two scrapes, and each
     * {@code label="value"} it selects appears in them.
     */
    private static void everyDashboardQueryFindsItsSeries(String scrapes) {
        DashboardQueries dashboard = DashboardQueries.read(Path.of(System.getProperty("wallet.dashboard",
                "../ops/grafana/dashboards/wallet.json")));
        Set<String> samples = scrapes.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());

        assertThat(dashboard.metricNames()).isNotEmpty().allSatisfy(name -> assertThat(samples)
                .as("the dashboard's metric %s among the programs' samples", name).contains(name));
        assertThat(dashboard.selectedLabels()).allSatisfy(label -> assertThat(scrapes)
                .as("the dashboard's selector %s in the programs' samples", label).contains(label));
    }

    private static boolean answers(ApiClient management, String path) {
        try {
            return management.read(path).status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static double sampleOrZero(ApiClient management, String series) {
        try {
            return find(management.read("/metrics").body(), series).orElse(0.0);
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** {@return the value of one series, named with its labels as Prometheus's text format writes them} */
    static double sample(String scrape, String series) {
        return find(scrape, series).orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
    }

    private static Optional<Double> find(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }
}

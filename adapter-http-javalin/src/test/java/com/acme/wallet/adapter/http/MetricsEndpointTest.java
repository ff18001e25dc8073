package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private static final String OPENED =
            "wallet_http_requests_seconds_count{method=\"POST\",route=\"/wallet/{userId}\",status=\"201\"}";
    private static final String ADDED =
            "wallet_http_requests_seconds_count{method=\"POST\",route=\"/add-funds/{userId}\",status=\"201\"}";

    private PrometheusMeterRegistry registry;
    private RunningApi api;

    @BeforeEach
    void startMeasuredServer() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        api = RunningApi.overInMemoryLog(new HttpMetrics(registry, registry::scrape));
    }

    @AfterEach
    void stopServer() {
        api.close();
        registry.close();
    }

    @Test
    void metrics_answers_prometheus_text_with_every_request_counted_by_method_route_template_and_status() {
        api.client().send("POST", "/wallet/alice", "{\"amount\":100}");
        api.client().send("POST", "/add-funds/alice", "{\"amount\":10,\"reference\":\"r-1\"}");
        api.client().send("POST", "/add-funds/alice", "{\"amount\":10,\"reference\":\"r-2\"}");
        api.client().get("/wallet/alice");
        api.client().get("/wallet/bob");

        ApiClient.ApiResponse metrics = api.client().get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/plain").contains("version=0.0.4"));
        assertThat(sample(metrics.body(), OPENED)).hasValue(1.0);
        assertThat(sample(metrics.body(), ADDED)).hasValue(2.0);
        assertThat(sample(metrics.body(),
                "wallet_http_requests_seconds_count{method=\"GET\",route=\"/wallet/{userId}\",status=\"200\"}"))
                .hasValue(1.0);
        assertThat(sample(metrics.body(),
                "wallet_http_requests_seconds_count{method=\"GET\",route=\"/wallet/{userId}\",status=\"404\"}"))
                .hasValue(1.0);
        assertThat(metrics.body()).contains("wallet_http_requests_seconds_bucket{method=\"POST\","
                + "route=\"/add-funds/{userId}\",status=\"201\",le=\"0.001\"}");
    }

    @Test
    void the_counts_move_with_traffic_between_two_scrapes() {
        api.client().send("POST", "/wallet/carol", "{\"amount\":100}");
        String before = api.client().get("/metrics").body();

        for (int change = 0; change < 5; change++) {
            api.client().send("POST", "/add-funds/carol", "{\"amount\":1,\"reference\":\"c-" + change + "\"}");
        }
        String after = api.client().get("/metrics").body();

        assertThat(sample(after, ADDED).orElseThrow() - sample(before, ADDED).orElse(0.0)).isEqualTo(5.0);
        assertThat(sample(after, ADDED.replace("_count{", "_sum{"))).hasValueSatisfying(
                seconds -> assertThat(seconds).isPositive());
    }

    @Test
    void raw_paths_never_become_labels_and_requests_no_route_matched_share_one_label() {
        for (int user = 0; user < 20; user++) {
            api.client().get("/wallet/user-" + user);
            api.client().sendingInvalidRequestsOnPurpose().get("/no-such-route/user-" + user);
        }
        api.client().sendingInvalidRequestsOnPurpose().send("DELETE", "/wallet/dave", "");

        String metrics = api.client().get("/metrics").body();

        assertThat(metrics).doesNotContain("user-").doesNotContain("dave").doesNotContain("no-such-route");
        assertThat(sample(metrics,
                "wallet_http_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"}"))
                .hasValue(20.0);
        assertThat(sample(metrics,
                "wallet_http_requests_seconds_count{method=\"DELETE\",route=\"unmatched\",status=\"405\"}"))
                .hasValue(1.0);
        assertThat(metrics.lines().filter(line -> line.startsWith("wallet_http_requests_seconds_count{")))
                .hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void the_request_threads_are_gauged_with_the_configured_maximum_and_the_one_serving_the_scrape_busy() {
        String metrics = api.client().get("/metrics").body();

        assertThat(sample(metrics, "jetty_threads_config_max")).hasValue((double) HttpSettings.defaults("127.0.0.1", 0).maxThreads());
        assertThat(sample(metrics, "jetty_threads_busy")).hasValueSatisfying(busy -> assertThat(busy).isPositive());
        assertThat(sample(metrics, "jetty_threads_jobs")).isPresent();
    }

    @Test
    void metrics_is_served_while_the_writer_takes_no_writes() {
        api.close();
        api = RunningApi.overInMemoryLog(new HttpMetrics(registry, registry::scrape));
        api.writer().close();

        assertThat(api.client().get("/health").status()).isEqualTo(503);
        assertThat(api.client().get("/metrics").status()).isEqualTo(200);
    }

    /** {@return the value of one series, named with its labels as Prometheus's text format writes them} */
    private static Optional<Double> sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst();
    }
}

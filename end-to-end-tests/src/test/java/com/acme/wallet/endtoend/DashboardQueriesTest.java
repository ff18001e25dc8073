package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What MetricsIT holds against the programs' scrapes is what the dashboard's queries name. */
class DashboardQueriesTest {

    @TempDir
    Path directory;

    @Test
    void metric_names_and_equality_selectors_are_read_from_every_panel_rows_included() throws IOException {
        Path dashboard = directory.resolve("dashboard.json");
        Files.writeString(dashboard, """
                {"panels": [
                  {"type": "timeseries", "targets": [
                    {"expr": "histogram_quantile(0.99, sum by (le) (rate(wallet_log_append_seconds_bucket{outcome=\\"confirmed\\"}[$__rate_interval])))"},
                    {"expr": "sum by (route) (rate(wallet_http_requests_seconds_count{route!=\\"/metrics\\",status=~\\"5..\\"}[1m]))"}]},
                  {"type": "row", "collapsed": true, "panels": [
                    {"type": "stat", "targets": [{"expr": "sum by (job) (jvm_memory_used_bytes{area=\\"heap\\"})"}]}]}
                ]}
                """);

        DashboardQueries queries = DashboardQueries.read(dashboard);

        assertThat(queries.metricNames()).containsExactly("jvm_memory_used_bytes", "wallet_http_requests_seconds_count",
                "wallet_log_append_seconds_bucket");
        assertThat(queries.selectedLabels()).containsExactly("area=\"heap\"", "outcome=\"confirmed\"");
    }

    @Test
    void the_dashboard_queries_the_main_metrics_of_both_programs() {
        DashboardQueries queries = DashboardQueries.read(Path.of(System.getProperty("wallet.dashboard",
                "../ops/grafana/dashboards/wallet.json")));

        assertThat(queries.metricNames()).contains("wallet_http_requests_seconds_bucket",
                "wallet_http_requests_seconds_count", "wallet_writer_changes_in_flight", "wallet_writer_wallets_in_doubt",
                "wallet_writer_phase", "wallet_writer_fenced", "wallet_consumer_lag_seconds",
                "wallet_consumer_events_persisted_total", "wallet_consumer_commit_seconds_bucket");
    }
}

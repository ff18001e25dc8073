package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {

    private static final String RESULTS = """
            # Benchmark results

            Written by `./wallet bench`.

            | run | load | requests/s | p50 ms | p99 ms | max ms | errors |
            |---|---|---:|---:|---:|---:|---:|
            | a. replay path (REST API) | the seed's hey command (50 connections, 100,000 requests) | 4386 | 4.70 | 117.30 | 473.1 | 0 |
            | b. durable, 10,000 wallets | wrk, 50 connections, 30 s | 4613 | 8.37 | 87.19 | 183.7 | 2 |

            | target | measured | result |
            |---|---|---|
            | b p99 <= 10 ms | 87.19 ms | NOT met |
            """;

    @TempDir
    Path directory;

    @Test
    void the_bench_table_is_read_back_row_by_row() {
        List<BenchPlots.Run> runs = BenchPlots.runs(RESULTS);

        assertThat(runs).containsExactly(
                new BenchPlots.Run("a. replay path (REST API)", 4386, 4.70, 117.30, 473.1, 0),
                new BenchPlots.Run("b. durable, 10,000 wallets", 4613, 8.37, 87.19, 183.7, 2));
    }

    @Test
    void the_bench_table_is_read_from_the_rows_the_bench_writes() {
        LoadResult result = new LoadResult("c. durable, one hot wallet", "wrk, 50 connections, 30 s", 180_000, 6014,
                6.96, 49.45, 110.8, 0);
        String written = SameRunReport.RUNS_HEADER + "\n|---|---|---:|---:|---:|---:|---:|\n" + result.row() + "\n";

        assertThat(BenchPlots.runs(written)).containsExactly(
                new BenchPlots.Run("c. durable, one hot wallet", 6014, 6.96, 49.45, 110.8, 0));
    }

    @Test
    void a_file_without_the_table_of_runs_is_refused_with_the_reason() {
        assertThatThrownBy(() -> BenchPlots.runs("# Benchmark results\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no table of load runs");
        assertThatThrownBy(() -> BenchPlots.runs(SameRunReport.RUNS_HEADER + "\n|---|\n| a | b | many | 1 | 2 | 3 | 0 |\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }

    @Test
    void the_bench_charts_are_png_files_of_the_stated_size() throws IOException {
        for (Charts.Chart chart : BenchPlots.charts(BenchPlots.runs(RESULTS), "bench/RESULTS.md")) {
            Path file = Charts.write(chart, directory);

            assertPng(file);
        }
        assertThat(directory.resolve("bench-throughput.png")).exists();
        assertThat(directory.resolve("bench-latency.png")).exists();
    }

    @Test
    void scrapes_are_read_into_samples_with_their_labels() {
        MetricsText scrape = MetricsText.parse("""
                # HELP wallet_writer_changes_in_flight Changes
                # TYPE wallet_writer_changes_in_flight gauge
                wallet_writer_changes_in_flight 12.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1024.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 2048.0
                wallet_http_requests_seconds_bucket{method="GET",route="/wallet/{userId}",status="200",le="+Inf"} 3
                """);

        assertThat(scrape.sum("wallet_writer_changes_in_flight")).isEqualTo(12.0);
        assertThat(scrape.sum("jvm_memory_used_bytes", labels -> "heap".equals(labels.get("area")))).isEqualTo(1024.0);
        assertThat(scrape.samples().get(1).labels()).containsEntry("id", "G1 Eden Space");
        assertThat(scrape.buckets("wallet_http_requests_seconds", labels -> true))
                .containsExactly(Map.entry(Double.POSITIVE_INFINITY, 3.0));
        assertThatThrownBy(() -> MetricsText.parse("wallet_writer_fenced one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_quantile_is_interpolated_inside_its_bucket_as_prometheus_does() {
        TreeMap<Double, Double> cumulative = new TreeMap<>(Map.of(0.001, 0.0, 0.01, 50.0, 0.1, 100.0,
                Double.POSITIVE_INFINITY, 100.0));

        assertThat(MetricsTimeline.histogramQuantile(0.5, cumulative)).isCloseTo(0.01, within(1e-12));
        assertThat(MetricsTimeline.histogramQuantile(0.75, cumulative)).isCloseTo(0.055, within(1e-12));
        assertThat(MetricsTimeline.histogramQuantile(0.99, new TreeMap<>(Map.of(0.1, 0.0, Double.POSITIVE_INFINITY,
                5.0)))).isEqualTo(0.1);
        assertThat(MetricsTimeline.histogramQuantile(0.5, new TreeMap<>(Map.of(Double.POSITIVE_INFINITY, 0.0))))
                .isNaN();
    }

    @Test
    void the_dashboards_panels_are_drawn_from_consecutive_scrapes() throws IOException {
        MetricsTimeline timeline = new MetricsTimeline();
        timeline.add(snapshot(0, 0, 0, 0, 3));
        timeline.add(snapshot(5, 100, 90, 500, 1));
        timeline.add(snapshot(10, 300, 280, 1_500, 0));

        List<Charts.Chart> charts = timeline.charts();

        Charts.Lines throughput = (Charts.Lines) charts.get(0);
        assertThat(throughput.lines().get("requests/s (REST API)")).extracting(point -> point[1])
                .containsExactly(20.0, 40.0);
        assertThat(throughput.lines().get("events persisted/s (batch consumer)")).extracting(point -> point[1])
                .containsExactly(100.0, 200.0);
        Charts.Lines latency = (Charts.Lines) charts.get(1);
        assertThat(latency.lines().get("p50")).hasSize(2).allSatisfy(point -> assertThat(point[1]).isBetween(1.0, 10.0));
        for (Charts.Chart chart : charts) {
            assertPng(Charts.write(chart, directory));
        }
        assertThat(directory.resolve("metrics-consumer-lag.png")).exists();
    }

    @Test
    void a_program_that_did_not_answer_leaves_a_gap_not_a_zero() {
        MetricsTimeline timeline = new MetricsTimeline();
        timeline.add(snapshot(0, 0, 0, 0, 3));
        MetricsTimeline.Snapshot apiOnly = snapshot(5, 100, 90, 500, 1);
        timeline.add(new MetricsTimeline.Snapshot(5, apiOnly.restApi(), MetricsText.EMPTY));
        timeline.add(snapshot(10, 300, 280, 1_500, 0));

        List<Charts.Chart> charts = timeline.charts();

        Charts.Lines throughput = (Charts.Lines) charts.get(0);
        assertThat(throughput.lines().get("requests/s (REST API)")).hasSize(2);
        assertThat(throughput.lines().get("events persisted/s (batch consumer)")).isEmpty();
        assertThat(((Charts.Lines) charts.get(3)).lines().get("lag")).extracting(point -> point[0])
                .containsExactly(0.0, 10.0);
    }

    /**
     * Both programs' scrapes at {@code seconds}: {@code requests} answered (90 % within 10 ms, the
     * rest within 100 ms) and one GET /metrics that must not count, {@code persisted} events.
     */
    private static MetricsTimeline.Snapshot snapshot(double seconds, int requests, int fast, int persisted,
            double lagSeconds) {
        String route = "method=\"POST\",route=\"/add-funds/{userId}\",status=\"201\"";
        String metrics = "method=\"GET\",route=\"/metrics\",status=\"200\"";
        String api = "wallet_http_requests_seconds_bucket{" + route + ",le=\"0.001\"} 0\n"
                + "wallet_http_requests_seconds_bucket{" + route + ",le=\"0.01\"} " + fast + "\n"
                + "wallet_http_requests_seconds_bucket{" + route + ",le=\"0.1\"} " + requests + "\n"
                + "wallet_http_requests_seconds_bucket{" + route + ",le=\"+Inf\"} " + requests + "\n"
                + "wallet_http_requests_seconds_count{" + route + "} " + requests + "\n"
                + "wallet_http_requests_seconds_count{" + metrics + "} 1000\n"
                + "wallet_writer_changes_in_flight 7\n"
                + "wallet_writer_wallets_in_doubt 0\n";
        String consumer = "wallet_consumer_events_persisted_total " + persisted + "\n"
                + "wallet_consumer_lag_seconds " + lagSeconds + "\n";
        return new MetricsTimeline.Snapshot(seconds, MetricsText.parse(api), MetricsText.parse(consumer));
    }

    private static void assertPng(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] signature = in.readNBytes(8);
            assertThat(signature).as(file.toString())
                    .containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
    }
}

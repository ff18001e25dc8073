package com.acme.wallet.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Scrapes of both programs over a window, and the dashboard's main panels computed from them as
 * Prometheus would: rates and latency quantiles from the change between consecutive scrapes, gauges
 * as they were at each scrape. The panels of ops/grafana/dashboards/wallet.json, without a
 * Prometheus.
 */
final class MetricsTimeline {

    /** The most scrapes one timeline holds: an hour at one a second. */
    static final int MAX_SNAPSHOTS = 3_600;
    private static final String REQUESTS = "wallet_http_requests_seconds";
    private static final Predicate<Map<String, String>> SERVED = labels -> !"/metrics".equals(labels.get("route"));

    /**
     * Both programs' metrics at one moment.
     *
     * @param seconds seconds since the first scrape
     * @param restApi the REST API's scrape ({@link MetricsText#EMPTY} if it did not answer)
     * @param batchConsumer the batch consumer's ({@link MetricsText#EMPTY} if it did not answer)
     */
    record Snapshot(double seconds, MetricsText restApi, MetricsText batchConsumer) {}

    private final List<Snapshot> snapshots = new ArrayList<>();

    /** Adds the next scrape, taken after every one added before. */
    void add(Snapshot snapshot) {
        if (snapshots.size() == MAX_SNAPSHOTS) {
            throw new IllegalStateException("more than " + MAX_SNAPSHOTS + " scrapes in one timeline");
        }
        if (!snapshots.isEmpty() && snapshot.seconds() <= snapshots.get(snapshots.size() - 1).seconds()) {
            throw new IllegalArgumentException("scrapes must be added in the order they were taken");
        }
        snapshots.add(snapshot);
    }

    int size() {
        return snapshots.size();
    }

    /** {@return the charts: throughput, latency, in flight and in doubt, the consumer's lag} */
    List<Charts.Chart> charts() {
        Map<String, List<double[]>> throughput = new LinkedHashMap<>();
        throughput.put("requests/s (REST API)", rate(Snapshot::restApi, scrape -> scrape.sum(REQUESTS + "_count", SERVED)));
        throughput.put("events persisted/s (batch consumer)",
                rate(Snapshot::batchConsumer, scrape -> scrape.sum("wallet_consumer_events_persisted_total")));
        Map<String, List<double[]>> latency = new LinkedHashMap<>();
        latency.put("p50", quantile(0.5));
        latency.put("p99", quantile(0.99));
        Map<String, List<double[]>> writer = new LinkedHashMap<>();
        writer.put("changes in flight", gauge(Snapshot::restApi, "wallet_writer_changes_in_flight"));
        writer.put("wallets in doubt", gauge(Snapshot::restApi, "wallet_writer_wallets_in_doubt"));
        Map<String, List<double[]>> lag = new LinkedHashMap<>();
        lag.put("lag", gauge(Snapshot::batchConsumer, "wallet_consumer_lag_seconds"));
        return List.of(
                new Charts.Lines("metrics-throughput.png", "Throughput", "per second", throughput),
                new Charts.Lines("metrics-latency.png", "REST API request latency (GET /metrics left out)", "ms",
                        latency),
                new Charts.Lines("metrics-in-flight.png", "Writer: changes in flight, wallets in doubt", "count",
                        writer),
                new Charts.Lines("metrics-consumer-lag.png", "Batch consumer lag", "seconds", lag));
    }

    /** A gauge as each scrape of its program read it; no point where that program did not answer. */
    private List<double[]> gauge(Function<Snapshot, MetricsText> program, String name) {
        return snapshots.stream().filter(snapshot -> answered(program.apply(snapshot)))
                .map(snapshot -> new double[] {snapshot.seconds(), program.apply(snapshot).sum(name)}).toList();
    }

    /**
     * Per second between consecutive scrapes both answered by the program; a counter that went down
     * (a restart) counts from 0, as Prometheus does.
     */
    private List<double[]> rate(Function<Snapshot, MetricsText> program, ToDoubleFunction<MetricsText> counter) {
        List<double[]> points = new ArrayList<>();
        for (int at = 1; at < snapshots.size(); at++) {
            Snapshot before = snapshots.get(at - 1);
            Snapshot after = snapshots.get(at);
            if (!answered(program.apply(before)) || !answered(program.apply(after))) {
                continue;
            }
            double increase = counter.applyAsDouble(program.apply(after)) - counter.applyAsDouble(program.apply(before));
            if (increase < 0) {
                increase = counter.applyAsDouble(program.apply(after));
            }
            points.add(new double[] {after.seconds(), increase / (after.seconds() - before.seconds())});
        }
        return points;
    }

    /** The request latency's quantile in ms between consecutive scrapes; no point where no request was answered. */
    private List<double[]> quantile(double quantile) {
        List<double[]> points = new ArrayList<>();
        for (int at = 1; at < snapshots.size(); at++) {
            MetricsText before = snapshots.get(at - 1).restApi();
            MetricsText after = snapshots.get(at).restApi();
            if (!answered(before) || !answered(after)) {
                continue;
            }
            TreeMap<Double, Double> earlier = before.buckets(REQUESTS, SERVED);
            TreeMap<Double, Double> increase = after.buckets(REQUESTS, SERVED);
            increase.replaceAll((bound, count) -> count - earlier.getOrDefault(bound, 0.0));
            double seconds = histogramQuantile(quantile, increase);
            if (!Double.isNaN(seconds)) {
                points.add(new double[] {snapshots.get(at).seconds(), seconds * 1_000});
            }
        }
        return points;
    }

    private static boolean answered(MetricsText scrape) {
        return scrape != MetricsText.EMPTY;
    }

    /**
     * {@return the quantile of cumulative bucket counts, interpolated linearly inside its bucket as
     * Prometheus's {@code histogram_quantile} does (the highest finite bound when it falls in the
     * +Inf bucket); NaN without observations}
     */
    static double histogramQuantile(double quantile, NavigableMap<Double, Double> cumulative) {
        if (quantile < 0 || quantile > 1) {
            throw new IllegalArgumentException("a quantile is between 0 and 1: " + quantile);
        }
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = quantile * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - countBelow;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - countBelow) / inBucket;
            }
            lowerBound = bucket.getKey();
            countBelow = bucket.getValue();
        }
        return lowerBound;
    }
}

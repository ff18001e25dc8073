package com.acme.wallet.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a program's {@code GET /metrics} in Prometheus's text format (0.0.4), read into its
 * samples. Only what {@code ./wallet plot} needs: names, labels and values; comments and timestamps
 * are skipped.
 *
 * @param samples every sample, in the order written
 */
record MetricsText(List<Sample> samples) {

    /** The most samples read from one scrape: a program writes a few hundred. */
    static final int MAX_SAMPLES = 100_000;
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * One sample.
     *
     * @param name the metric's name, such as {@code wallet_http_requests_seconds_count}
     * @param labels its labels, by name
     * @param value its value
     */
    record Sample(String name, Map<String, String> labels, double value) {

        Sample {
            Objects.requireNonNull(name, "name");
            labels = Map.copyOf(labels);
        }
    }

    MetricsText {
        samples = List.copyOf(samples);
    }

    static final MetricsText EMPTY = new MetricsText(List.of());

    /**
     * Reads a scrape.
     *
     * @throws IllegalArgumentException if a sample line is not in the text format, or there are too many
     */
    static MetricsText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (samples.size() == MAX_SAMPLES) {
                throw new IllegalArgumentException("more than " + MAX_SAMPLES + " samples in one scrape");
            }
            samples.add(sample(trimmed));
        }
        return new MetricsText(samples);
    }

    private static Sample sample(String line) {
        int open = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new TreeMap<>();
        String rest;
        if (open >= 0 && (space < 0 || open < space)) {
            int close = line.lastIndexOf('}');
            if (close < open) {
                throw new IllegalArgumentException("not a sample: " + line);
            }
            name = line.substring(0, open);
            Matcher matcher = LABEL.matcher(line.substring(open + 1, close));
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
            rest = line.substring(close + 1).strip();
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        } else {
            throw new IllegalArgumentException("not a sample: " + line);
        }
        String value = rest.split(" ", 2)[0];
        try {
            return new Sample(name, labels, switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            });
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("not a sample value: " + line, notANumber);
        }
    }

    /** {@return the sum of the samples named {@code name} whose labels pass {@code labels}; 0 when there are none} */
    double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && labels.test(sample.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** {@return the sum of every sample named {@code name}} */
    double sum(String name) {
        return sum(name, any -> true);
    }

    /**
     * {@return the cumulative counts of a histogram's buckets, summed by upper bound over the
     * samples whose labels pass {@code labels}, in increasing order of the bound}
     */
    TreeMap<Double, Double> buckets(String histogram, Predicate<Map<String, String>> labels) {
        TreeMap<Double, Double> counts = new TreeMap<>();
        samples.stream().filter(sample -> sample.name().equals(histogram + "_bucket") && labels.test(sample.labels()))
                .forEach(sample -> counts.merge(bound(sample.labels().get("le")), sample.value(), Double::sum));
        return counts;
    }

    private static double bound(String le) {
        if (le == null) {
            throw new IllegalArgumentException("a bucket without le");
        }
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }
}

package com.acme.wallet.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL queries of the Grafana dashboard (ops/grafana/dashboards/wallet.json), and what they
 * name: the metrics, and the label values they select with {@code =}. MetricsIT holds both against
 * the programs' real scrapes, so a renamed metric cannot leave an empty panel behind.
 */
record DashboardQueries(List<String> expressions) {

    /** The metric families of both programs: the service's own, HikariCP's and the JVM's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:wallet|hikaricp|jvm|process|system)_[a-z0-9_]+\\b");
    /**
     * An equality matcher, {@code outcome="confirmed"}: the name is right before {@code ="}, so
     * {@code !=} and {@code =~} (which may rightly match nothing) are not taken.
     */
    private static final Pattern EQUALS = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    /** {@return the queries of every panel of the dashboard file} */
    static DashboardQueries read(Path dashboard) {
        try {
            JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
            List<String> expressions = new ArrayList<>();
            collect(root.path("panels"), expressions);
            if (expressions.isEmpty()) {
                throw new IllegalStateException("no queries in " + dashboard);
            }
            return new DashboardQueries(List.copyOf(expressions));
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot read the dashboard " + dashboard, failure);
        }
    }

    private static void collect(JsonNode panels, List<String> expressions) {
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
            collect(panel.path("panels"), expressions); // a collapsed row holds its panels
        }
    }

    /** {@return every metric name the queries read, as Prometheus's text format names its samples} */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions.forEach(expression -> {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        });
        return names;
    }

    /** {@return every {@code label="value"} the queries select by equality} */
    Set<String> selectedLabels() {
        Set<String> selected = new TreeSet<>();
        expressions.forEach(expression -> {
            Matcher matcher = EQUALS.matcher(expression);
            while (matcher.find()) {
                selected.add(matcher.group());
            }
        });
        return selected;
    }
}

package com.acme.wallet.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of a {@code ./wallet bench} run, from the table of load runs it writes into
 * bench/RESULTS.md (see {@link SameRunReport#table()}): requests per second, and the latencies, of
 * each run.
 */
final class BenchPlots {

    /** The most runs read from one table; a run writes fewer than ten. */
    static final int MAX_RUNS = 100;

    private BenchPlots() {}

    /**
     * One row of the table, as {@link LoadResult#row()} wrote it.
     *
     * @param label the run
     * @param requestsPerSecond requests answered per second
     * @param p50Ms the median latency
     * @param p99Ms the 99th percentile
     * @param maxMs the slowest
     * @param errors requests not answered 200 or 201
     */
    record Run(String label, double requestsPerSecond, double p50Ms, double p99Ms, double maxMs, long errors) {}

    /**
     * Reads the table of load runs from a results file's text.
     *
     * @throws IllegalArgumentException if it has no such table, or a row of it is not one of a run
     */
    static List<Run> runs(String results) {
        List<String> lines = results.lines().toList();
        int header = lines.indexOf(SameRunReport.RUNS_HEADER);
        if (header < 0) {
            throw new IllegalArgumentException("no table of load runs (a line \"" + SameRunReport.RUNS_HEADER + "\")");
        }
        List<Run> runs = new ArrayList<>();
        for (int at = header + 2; at < lines.size() && lines.get(at).startsWith("|"); at++) {
            if (runs.size() == MAX_RUNS) {
                throw new IllegalArgumentException("more than " + MAX_RUNS + " runs in the table");
            }
            runs.add(run(lines.get(at)));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("the table of load runs has no rows");
        }
        return runs;
    }

    private static Run run(String row) {
        String[] cells = row.split("\\|", -1);
        if (cells.length != 9) {
            throw new IllegalArgumentException("not a row of 7 cells: " + row);
        }
        try {
            return new Run(cells[1].strip(), Double.parseDouble(cells[3].strip()), Double.parseDouble(cells[4].strip()),
                    Double.parseDouble(cells[5].strip()), Double.parseDouble(cells[6].strip()),
                    Long.parseLong(cells[7].strip()));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("a row with a cell that is not a number: " + row, notANumber);
        }
    }

    /** {@return the charts of the runs: bench-throughput.png and bench-latency.png} */
    static List<Charts.Chart> charts(List<Run> runs, String title) {
        Map<String, Map<String, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (Run run : runs) {
            String category = run.errors() == 0 ? run.label()
                    : String.format(Locale.ROOT, "%s (%d errors)", run.label(), run.errors());
            throughput.put(category, Map.of("requests/s", run.requestsPerSecond()));
            Map<String, Double> latencies = new LinkedHashMap<>();
            latencies.put("p50", run.p50Ms());
            latencies.put("p99", run.p99Ms());
            latencies.put("max", run.maxMs());
            latency.put(category, latencies);
        }
        return List.of(new Charts.Bars("bench-throughput.png", "Throughput: " + title, "requests/s", throughput, false),
                new Charts.Bars("bench-latency.png", "Latency: " + title, "ms", latency, true));
    }
}

package com.acme.wallet.devstack;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run of a load generator measured, as a row of the results table.
 *
 * @param label the run, such as {@code b. durable, 10,000 wallets}
 * @param load how it loaded the server, such as {@code wrk, 50 connections, 30 s}
 * @param requests requests answered, errors included
 * @param requestsPerSecond requests answered per second
 * @param p50Ms the median latency
 * @param p99Ms the 99th percentile
 * @param maxMs the slowest request
 * @param errors requests not answered 200 or 201
 */
record LoadResult(String label, String load, long requests, long requestsPerSecond, double p50Ms, double p99Ms,
        double maxMs, long errors) {

    private static final Pattern WRK_FIELD = Pattern.compile("([a-z0-9_]+)=([0-9]+)");
    private static final Pattern HEY_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern HEY_SLOWEST = Pattern.compile("Slowest:\\s+([0-9.]+) secs");
    private static final Pattern HEY_STATUS = Pattern.compile("\\[(\\d{3})\\]\\s+(\\d+) responses");

    LoadResult {
        if (requests < 0 || requestsPerSecond < 0 || errors < 0 || p50Ms < 0 || p99Ms < p50Ms || maxMs < 0) {
            throw new IllegalArgumentException("not a load generator's result: " + requests + " requests, "
                    + requestsPerSecond + "/s, p50 " + p50Ms + ", p99 " + p99Ms + ", max " + maxMs + ", " + errors
                    + " errors");
        }
    }

    /**
     * Reads the line that {@code bench/changes.lua} prints at the end of a wrk run:
     * {@code BENCH requests=N duration_us=N p50_us=N p99_us=N max_us=N non2xx=N socket_errors=N}.
     *
     * @throws IllegalArgumentException if the output holds no such line
     */
    static LoadResult fromWrk(String label, String load, String output) {
        String line = output.lines().filter(candidate -> candidate.startsWith("BENCH ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no BENCH line"));
        Map<String, Long> fields = new HashMap<>();
        Matcher matcher = WRK_FIELD.matcher(line);
        while (matcher.find()) {
            fields.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        long requests = wrkField(fields, "requests");
        double seconds = wrkField(fields, "duration_us") / 1e6;
        if (seconds <= 0) {
            throw new IllegalArgumentException("a wrk run of no duration: " + line);
        }
        return new LoadResult(label, load, requests, Math.round(requests / seconds),
                wrkField(fields, "p50_us") / 1000.0, wrkField(fields, "p99_us") / 1000.0,
                wrkField(fields, "max_us") / 1000.0, wrkField(fields, "non2xx") + wrkField(fields, "socket_errors"));
    }

    private static long wrkField(Map<String, Long> fields, String name) {
        Long value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the BENCH line has no " + name);
        }
        return value;
    }

    /**
     * Reads hey's summary: requests per second, the 50 % and 99 % latencies, the slowest, and how
     * many of the {@code sent} requests were answered 200 or 201.
     *
     * @throws IllegalArgumentException if the output is not hey's summary
     */
    static LoadResult fromHey(String label, String load, String output, long sent) {
        long answered = 0;
        Matcher status = HEY_STATUS.matcher(output);
        while (status.find()) {
            if (status.group(1).equals("200") || status.group(1).equals("201")) {
                answered += Long.parseLong(status.group(2));
            }
        }
        // hey prints seconds; its rate is cut to whole requests, as the table always showed it.
        return new LoadResult(label, load, sent, (long) heySeconds(HEY_RATE, output, "Requests/sec"),
                heySeconds(percentile(50), output, "50%") * 1000, heySeconds(percentile(99), output, "99%") * 1000,
                heySeconds(HEY_SLOWEST, output, "Slowest") * 1000, sent - answered);
    }

    private static Pattern percentile(int percent) {
        return Pattern.compile("\\s" + percent + "% in ([0-9.]+) secs");
    }

    private static double heySeconds(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("hey's output has no " + what);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** {@return the row of the results table: {@code | label | load | requests/s | p50 ms | p99 ms | max ms | errors |}} */
    String row() {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.1f | %d |", label, load, requestsPerSecond,
                p50Ms, p99Ms, maxMs, errors);
    }
}

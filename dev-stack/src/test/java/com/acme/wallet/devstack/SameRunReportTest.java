package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SameRunReportTest {

    private static final LoadResult BETTING = run("f. durable, betting mix, 10,000 wallets", 4152, 95.3, 0);

    private static LoadResult run(String label, long requestsPerSecond, double p99Ms, long errors) {
        return new LoadResult(label, "wrk, 50 connections, 30 s", requestsPerSecond * 30, requestsPerSecond, 1.0, p99Ms,
                p99Ms * 2, errors);
    }

    private static SameRunReport report(long a, long bareHey, LoadResult b, long c, long naive, long consumerRate,
            double catchUpSeconds) {
        return report(a, bareHey, b, c, BETTING, naive, consumerRate, catchUpSeconds);
    }

    private static SameRunReport report(long a, long bareHey, LoadResult b, long c, LoadResult f, long naive,
            long consumerRate, double catchUpSeconds) {
        LoadResult runA = run("a. replay path (REST API)", a, 117.3, 0);
        LoadResult runBareHey = run("d1. HTTP ceiling (bare Javalin), hey", bareHey, 123, 0);
        LoadResult runC = run("c. durable, one hot wallet", c, 49.45, 0);
        LoadResult bareWrk = run("d1. HTTP ceiling (bare Javalin), wrk", 25_481, 28.4, 0);
        LoadResult runNaive = run("d2. architecture ceiling (naive Pulsar per request), wrk", naive, 103.24, 0);
        return new SameRunReport(List.of(runA, runBareHey, b, runC, f, bareWrk, runNaive), runA, runBareHey, b, runC,
                f, bareWrk, runNaive, new SameRunReport.ConsumerRate(consumerRate, 251_615, 24.72), catchUpSeconds,
                List.of("| b | 44 % | 16 % | 21 % | 12 % | 8 % |", "| f | 46 % | 15 % | 20 % | 12 % | 7 % |"));
    }

    @Test
    void each_target_is_met_or_not_by_its_own_ratio() {
        SameRunReport report = report(4386, 3206, run("b. durable, 10,000 wallets", 4613, 87.19, 0), 6014, 6133,
                10_138, 0.161);

        assertThat(report.targets()).extracting(Target::row).containsExactly(
                "| a >= 0.9 x bare Javalin under hey | 1.37 x | met |",
                "| b >= 1.0 x naive Pulsar-per-request ceiling | 0.75 x | NOT met |",
                "| b p99 <= 10 ms | 87.19 ms | NOT met |",
                "| b without errors | 0 errors | met |",
                "| c >= 0.8 x b | 1.30 x | met |",
                "| batch consumer >= 2 x the API's sustained write rate (b) | 10138 events/s (251615 events in 24.72 s)"
                        + " = 2.20 x | met |",
                "| PostgreSQL caught up within 2 s after b | 0.161 s | met |",
                "| f without errors | 0 errors | met |");
    }

    @Test
    void targets_hold_at_their_bounds_and_fail_just_past_them() {
        SameRunReport atBounds = report(900, 1000, run("b", 1000, 10.0, 0), 800, run("f", 900, 12, 0), 1000, 2000,
                2.0);
        SameRunReport past = report(899, 1000, run("b", 1000, 10.01, 1), 799, run("f", 900, 12, 1), 1001, 1999,
                2.001);

        assertThat(atBounds.targets()).allMatch(Target::met);
        assertThat(past.targets()).noneMatch(Target::met);
    }

    @Test
    void a_betting_run_with_one_error_fails_its_target_and_leaves_the_others_as_they_were() {
        SameRunReport clean = report(4386, 3206, run("b", 4613, 87.19, 0), 6014, BETTING, 6133, 10_138, 0.161);
        SameRunReport oneError = report(4386, 3206, run("b", 4613, 87.19, 0), 6014,
                run("f. durable, betting mix, 10,000 wallets", 4152, 95.3, 1), 6133, 10_138, 0.161);

        assertThat(oneError.targets()).last().extracting(Target::row)
                .isEqualTo("| f without errors | 1 errors | NOT met |");
        int issue5 = clean.targets().size() - 1;
        assertThat(oneError.targets().subList(0, issue5)).isEqualTo(clean.targets().subList(0, issue5));
    }

    @Test
    void the_table_holds_the_runs_the_targets_the_cpu_split_and_the_orientation_line() {
        String table = report(4386, 3206, run("b. durable, 10,000 wallets", 4613, 87.19, 0), 6014, 6133, 10_138, 0.161)
                .table();

        assertThat(table).startsWith("| run | load | requests/s | p50 ms | p99 ms | max ms | errors |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n"
                + "| a. replay path (REST API) | wrk, 50 connections, 30 s | 4386 | 1.00 | 117.30 | 234.6 | 0 |\n");
        assertThat(table).as("f's row after c's, where it ran").contains(
                "| c. durable, one hot wallet | wrk, 50 connections, 30 s | 6014 | 1.00 | 49.45 | 98.9 | 0 |\n"
                + "| f. durable, betting mix, 10,000 wallets | wrk, 50 connections, 30 s | 4152 | 1.00 | 95.30 | 190.6"
                + " | 0 |\n");
        assertThat(table).contains("\n\n| target | measured | result |\n|---|---|---|\n",
                "| f without errors | 0 errors | met |\n",
                "\n\n| run | REST API | batch consumer | Pulsar | PostgreSQL | wrk and the rest |\n|---|---:|---:|---:|---:|---:|\n"
                        + "| b | 44 % | 16 % | 21 % | 12 % | 8 % |\n| f | 46 % | 15 % | 20 % | 12 % | 7 % |\n");
        assertThat(table).endsWith("\nFor orientation: b is 0.18 x the bare Javalin server under the same wrk script"
                + " (25481 requests/s); the betting mix f is 0.90 x b; a's p99 117.30 ms.\n");
    }
}

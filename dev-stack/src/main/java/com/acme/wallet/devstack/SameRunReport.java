package com.acme.wallet.devstack;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code ./wallet bench} run and its tables: the load runs, the targets of
 * issue 5 (and of issue 11: the betting mix without errors) and where the CPU went.
 *
 * @param runs every load run, in the order they ran
 * @param a the seed's hey command on the replay path
 * @param bareHey the bare Javalin server under the same hey command
 * @param b wrk on 10,000 wallets, the consumer running
 * @param c wrk on one hot wallet
 * @param f wrk playing rounds (bets, wins, rollbacks) on the wallets of b
 * @param bareWrk the bare Javalin server under wrk
 * @param naive the naive Pulsar-per-request server under wrk
 * @param consumer the batch consumer's rate on a pre-filled topic
 * @param catchUpSeconds how long PostgreSQL took to catch up after b
 * @param cpuRows rows of the CPU table (see {@link CpuSample#shareRow})
 */
record SameRunReport(List<LoadResult> runs, LoadResult a, LoadResult bareHey, LoadResult b, LoadResult c,
        LoadResult f, LoadResult bareWrk, LoadResult naive, ConsumerRate consumer, double catchUpSeconds,
        List<String> cpuRows) {

    /**
     * The batch consumer's rate, timed from its first committed batch to the last.
     *
     * @param eventsPerSecond events persisted after the first batch, per second
     * @param events the events waiting in the topic when it started
     * @param seconds from its first batch to the last
     */
    /** The header of the table of load runs, whose rows are {@link LoadResult#row()}; {@code ./wallet plot} finds it by this. */
    static final String RUNS_HEADER = "| run | load | requests/s | p50 ms | p99 ms | max ms | errors |";

    record ConsumerRate(long eventsPerSecond, long events, double seconds) {}

    List<Target> targets() {
        return List.of(
                Target.atLeast("a >= 0.9 x bare Javalin under hey", Target.ratio(a.requestsPerSecond(),
                        bareHey.requestsPerSecond()) + " x", (double) a.requestsPerSecond() / bareHey.requestsPerSecond(),
                        0.9),
                Target.atLeast("b >= 1.0 x naive Pulsar-per-request ceiling", Target.ratio(b.requestsPerSecond(),
                        naive.requestsPerSecond()) + " x", (double) b.requestsPerSecond() / naive.requestsPerSecond(), 1.0),
                Target.atMost("b p99 <= 10 ms", String.format(Locale.ROOT, "%.2f ms", b.p99Ms()), b.p99Ms(), 10),
                Target.atMost("b without errors", b.errors() + " errors", b.errors(), 0),
                Target.atLeast("c >= 0.8 x b", Target.ratio(c.requestsPerSecond(), b.requestsPerSecond()) + " x",
                        (double) c.requestsPerSecond() / b.requestsPerSecond(), 0.8),
                Target.atLeast("batch consumer >= 2 x the API's sustained write rate (b)",
                        String.format(Locale.ROOT, "%d events/s (%d events in %.2f s) = %s x", consumer.eventsPerSecond(),
                                consumer.events(), consumer.seconds(),
                                Target.ratio(consumer.eventsPerSecond(), b.requestsPerSecond())),
                        (double) consumer.eventsPerSecond() / b.requestsPerSecond(), 2),
                Target.atMost("PostgreSQL caught up within 2 s after b",
                        String.format(Locale.ROOT, "%.3f s", catchUpSeconds), catchUpSeconds, 2),
                Target.atMost("f without errors", f.errors() + " errors", f.errors(), 0));
    }

    /** {@return the tables as ./wallet bench prints them and bench/RESULTS.md holds them} */
    String table() {
        StringBuilder text = new StringBuilder(RUNS_HEADER + "\n" + "|---|---|---:|---:|---:|---:|---:|\n");
        runs.forEach(run -> text.append(run.row()).append('\n'));
        text.append('\n').append(Target.table(targets())).append('\n')
                .append("Where the machine's CPU went during each run (shares of the CPU time used on all cores; the"
                        + " rest is wrk, the kernel and everything else):\n\n")
                .append("| run | REST API | batch consumer | Pulsar | PostgreSQL | wrk and the rest |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        cpuRows.forEach(row -> text.append(row).append('\n'));
        return text.append(String.format(Locale.ROOT, "%nFor orientation: b is %s x the bare Javalin server under the"
                + " same wrk script (%d requests/s); the betting mix f is %s x b; a's p99 %.2f ms.%n",
                Target.ratio(b.requestsPerSecond(), bareWrk.requestsPerSecond()), bareWrk.requestsPerSecond(),
                Target.ratio(f.requestsPerSecond(), b.requestsPerSecond()), a.p99Ms())).toString();
    }
}

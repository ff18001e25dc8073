package com.acme.wallet.application.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the money-conservation check found: every violation counted by kind, at most a bounded
 * number of them kept per kind for the report, and the figures of what was checked.
 *
 * <p>Not thread-safe; one check fills one report.
 */
public final class CheckReport {

    /** The kinds of violation, each a rule the ledger must keep; the names appear in the report. */
    public enum Kind {
        BALANCE_NOT_SUM_OF_TRANSACTIONS("balance-not-sum"),
        NEGATIVE_BALANCE("negative-balance"),
        SEQUENCE_DISAGREEMENT("sequence"),
        BALANCE_AFTER_NOT_RUNNING_SUM("running-sum"),
        REFERENCE_APPLIED_TWICE("reference-twice"),
        TOMBSTONED_REFERENCE_STORED("tombstoned-reference"),
        ROLLED_BACK_TWICE("rolled-back-twice"),
        ROLLBACK_UNMATCHED("rollback-unmatched"),
        ROUND_RULE_BROKEN("round"),
        REFUSAL_DISAGREEMENT("refusal"),
        EVENT_STORED_TWICE("event-twice"),
        EVENT_MISSING_FROM_POSTGRES("event-missing"),
        EVENT_STORED_ELSEWHERE("event-misplaced"),
        UNREADABLE_EVENT_IN_TOPIC("unreadable-event"),
        STORED_WITHOUT_EVENT_IN_TOPIC("stored-not-in-topic"),
        API_BALANCE_DISAGREES("api-balance");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** {@return the kind's name in the report} */
        public String label() {
            return label;
        }
    }

    private final int keptPerKindMax;
    private final Map<Kind, Long> counts = new LinkedHashMap<>();
    private final List<String> keptLines = new ArrayList<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();

    /**
     * Creates an empty report.
     *
     * @param keptPerKindMax the most violations of one kind listed line by line, 1 or more; the rest
     *     are only counted
     */
    CheckReport(int keptPerKindMax) {
        if (keptPerKindMax < 1) {
            throw new IllegalArgumentException("at least one violation per kind must be listed, not " + keptPerKindMax);
        }
        this.keptPerKindMax = keptPerKindMax;
    }

    /**
     * Records a violation.
     *
     * @param kind the rule broken
     * @param detail the wallet, reference or sequence, and the figures, as {@code key=value} pairs
     */
    void violation(Kind kind, String detail) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        long count = counts.merge(kind, 1L, Long::sum);
        if (count <= keptPerKindMax) {
            keptLines.add("VIOLATION " + kind.label() + " " + detail);
        }
    }

    /**
     * Records a figure of what was checked, shown in the summary.
     *
     * @param name what was counted, such as {@code wallets}
     * @param value how many
     */
    void figure(String name, long value) {
        figures.put(Objects.requireNonNull(name, "name"), value);
    }

    /** {@return how many violations of the kind were found, listed or not} */
    public long count(Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** {@return whether every rule held} */
    public boolean holds() {
        return counts.isEmpty();
    }

    /** {@return the report's lines: one per listed violation, a note per kind cut short, the summary last} */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(keptLines);
        counts.forEach((kind, count) -> {
            if (count > keptPerKindMax) {
                lines.add("... " + (count - keptPerKindMax) + " more " + kind.label() + " violations not listed");
            }
        });
        lines.add(summary());
        return lines;
    }

    /** Prints the report's lines. */
    public void printTo(PrintStream out) {
        lines().forEach(out::println);
    }

    private String summary() {
        StringBuilder summary = new StringBuilder(holds() ? "CHECK PASSED" : "CHECK FAILED");
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        summary.append(": violations=").append(total);
        counts.forEach((kind, count) -> summary.append(' ').append(kind.label()).append('=').append(count));
        figures.forEach((name, value) -> summary.append(' ').append(name).append('=').append(value));
        return summary.toString();
    }
}

package com.acme.wallet.devstack;

import java.util.List;
import java.util.Locale;

/**
 * One target of a benchmark and whether a run met it, as a row of its table.
 *
 * @param description such as {@code b p99 <= 10 ms}
 * @param measured what the run measured, such as {@code 8.37 ms}
 * @param met whether the measurement meets the target
 */
record Target(String description, String measured, boolean met) {

    /** {@return a target met when {@code value >= minimum}} */
    static Target atLeast(String description, String measured, double value, double minimum) {
        return new Target(description, measured, value >= minimum);
    }

    /** {@return a target met when {@code value <= maximum}} */
    static Target atMost(String description, String measured, double value, double maximum) {
        return new Target(description, measured, value <= maximum);
    }

    /** {@return {@code numerator / denominator} with two decimals, as the tables show ratios} */
    static String ratio(double numerator, double denominator) {
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    String row() {
        return "| " + description + " | " + measured + " | " + (met ? "met" : "NOT met") + " |";
    }

    /** {@return the targets' table, header included, one line each} */
    static String table(List<Target> targets) {
        StringBuilder text = new StringBuilder("| target | measured | result |\n|---|---|---|\n");
        targets.forEach(target -> text.append(target.row()).append('\n'));
        return text.toString();
    }
}

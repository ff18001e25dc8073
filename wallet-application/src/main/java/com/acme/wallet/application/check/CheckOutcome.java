package com.acme.wallet.application.check;

import java.util.Objects;

/**
 * How a conservation check ended: every rule held, a rule was broken, or a service failed to
 * answer and nothing was concluded. A violation is a finding, not a failure; only the last is.
 */
public sealed interface CheckOutcome {

    /**
     * Every rule held.
     *
     * @param report the figures of what was checked
     */
    record Holds(CheckReport report) implements CheckOutcome {

        /** Validates the outcome. */
        public Holds {
            Objects.requireNonNull(report, "report");
            if (!report.holds()) {
                throw new IllegalArgumentException("a report with violations does not hold");
            }
        }
    }

    /**
     * At least one rule was broken.
     *
     * @param report every violation counted by kind, the first of each listed
     */
    record Violated(CheckReport report) implements CheckOutcome {

        /** Validates the outcome. */
        public Violated {
            Objects.requireNonNull(report, "report");
            if (report.holds()) {
                throw new IllegalArgumentException("a report without violations is not violated");
            }
        }
    }

    /**
     * PostgreSQL, the event log or the REST API failed to answer: the check concluded nothing, and
     * may be run again.
     *
     * @param failure what failed to answer
     */
    record Inconclusive(RuntimeException failure) implements CheckOutcome {

        /** Validates the outcome. */
        public Inconclusive {
            Objects.requireNonNull(failure, "failure");
        }
    }
}

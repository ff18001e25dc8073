package com.acme.wallet.application.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.check.CheckReport.Kind;
import org.junit.jupiter.api.Test;

class CheckReportTest {

    @Test
    void a_report_without_violations_holds_and_says_so_with_its_figures() {
        CheckReport report = new CheckReport(5);
        report.figure("wallets", 3);
        report.figure("topic_events", 12);

        assertThat(report.holds()).isTrue();
        assertThat(report.lines()).containsExactly("CHECK PASSED: violations=0 wallets=3 topic_events=12");
    }

    @Test
    void each_violation_gets_a_line_and_the_summary_counts_them_by_kind() {
        CheckReport report = new CheckReport(5);
        report.violation(Kind.BALANCE_NOT_SUM_OF_TRANSACTIONS,
                "wallet=alice balance_cents=61 transactions_sum_cents=60");
        report.violation(Kind.API_BALANCE_DISAGREES, "wallet=bob api_balance_cents=5 postgres_balance_cents=4");
        report.figure("wallets", 2);

        assertThat(report.holds()).isFalse();
        assertThat(report.lines()).containsExactly(
                "VIOLATION balance-not-sum wallet=alice balance_cents=61 transactions_sum_cents=60",
                "VIOLATION api-balance wallet=bob api_balance_cents=5 postgres_balance_cents=4",
                "CHECK FAILED: violations=2 balance-not-sum=1 api-balance=1 wallets=2");
    }

    @Test
    void violations_beyond_the_listing_limit_are_counted_but_not_listed() {
        CheckReport report = new CheckReport(2);
        for (int i = 0; i < 5; i++) {
            report.violation(Kind.EVENT_MISSING_FROM_POSTGRES, "wallet=w" + i);
        }

        assertThat(report.count(Kind.EVENT_MISSING_FROM_POSTGRES)).isEqualTo(5);
        assertThat(report.lines()).containsExactly(
                "VIOLATION event-missing wallet=w0",
                "VIOLATION event-missing wallet=w1",
                "... 3 more event-missing violations not listed",
                "CHECK FAILED: violations=5 event-missing=5");
    }

    @Test
    void a_report_must_list_at_least_one_violation_per_kind() {
        assertThatThrownBy(() -> new CheckReport(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.acme.wallet.application.check;

import static com.acme.wallet.application.WalletEvents.credit;
import static com.acme.wallet.application.WalletEvents.debit;
import static com.acme.wallet.application.WalletEvents.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.check.CheckReport.Kind;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.ReadServedBalancesPort;
import com.acme.wallet.application.port.out.RefusalDisagreement;
import com.acme.wallet.application.port.out.RepeatedRollback;
import com.acme.wallet.application.port.out.RoundRuleBroken;
import com.acme.wallet.application.port.out.TombstonedReferenceStored;
import com.acme.wallet.application.port.out.UnmatchedRollback;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The conservation check over in-memory fakes of its ports: a stored ledger that answers by the
 * same rules as PostgreSQL, a scripted topic and a scripted REST API.
 */
class ConservationCheckTest {

    /** Two wallets: andrei ends at 60 cents, bob at 7. */
    private static final List<WalletEvent> HISTORY = List.of(
            opened("andrei", 100), credit("andrei", 2, 10, "wonbet-1"), debit("andrei", 3, 50, "lostbet-2"),
            opened("bob", 0), credit("bob", 2, 7, "bonus-1"));

    private static final String FIGURES_WITHOUT_API =
            "topic_events=5 transactions=5 caught_up=1 wallets=2 api_wallets_compared=0";

    private final InMemoryStoredLedger ledger = new InMemoryStoredLedger();
    private final ScriptedTopic topic = new ScriptedTopic().append(HISTORY);
    private final ScriptedServedBalances api = new ScriptedServedBalances();

    @Test
    void given_the_whole_topic_persisted_and_the_api_agreeing_then_every_rule_holds() {
        ledger.persist(HISTORY);
        api.serves("andrei", 60).serves("bob", 7);

        CheckOutcome outcome = checkWithApi();

        assertThat(outcome).isInstanceOf(CheckOutcome.Holds.class);
        assertThat(lines(outcome)).containsExactly(
                "CHECK PASSED: violations=0 topic_events=5 transactions=5 caught_up=1 wallets=2 api_wallets_compared=2");
    }

    @Test
    void given_no_api_then_the_ledger_is_checked_and_no_balance_is_compared() {
        ledger.persist(HISTORY);

        CheckOutcome outcome = check(topic, Optional.empty(), Duration.ZERO);

        assertThat(lines(outcome)).containsExactly("CHECK PASSED: violations=0 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_balance_that_is_not_the_sum_of_its_transactions_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.corruptBalance("andrei", 61);

        CheckOutcome outcome = checkWithoutApi();

        assertThat(outcome).isInstanceOf(CheckOutcome.Violated.class);
        assertThat(lines(outcome)).containsExactly(
                "VIOLATION balance-not-sum wallet=andrei balance_cents=61 transactions_sum_cents=60",
                "CHECK FAILED: violations=1 balance-not-sum=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_negative_balance_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.corruptBalance("bob", -5);

        assertThat(lines(checkWithoutApi())).contains("VIOLATION negative-balance wallet=bob balance_cents=-5");
    }

    @Test
    void a_balance_after_that_is_not_the_running_sum_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.corruptBalanceAfter("andrei", 2, 111);

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION running-sum wallet=andrei sequence=2 reference=\"wonbet-1\" balance_after_cents=111 "
                        + "running_sum_cents=110",
                "CHECK FAILED: violations=1 running-sum=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_last_sequence_that_is_not_the_last_transactions_is_a_sequence_violation() {
        ledger.persist(HISTORY);
        ledger.corruptLastSequence("bob", 3);

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION sequence wallet=bob last_sequence=3 max_sequence=2 transactions=2",
                "CHECK FAILED: violations=1 sequence=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_change_stored_twice_shows_its_reference_and_its_event_id_twice() {
        ledger.persist(HISTORY);
        InMemoryStoredLedger.Transaction win = ledger.transactionAt("andrei", 2);
        ledger.corruptByInserting(new InMemoryStoredLedger.Transaction(win.eventId(), win.walletId(), 4,
                win.signedCents(), win.reference(), 70));

        CheckOutcome outcome = checkWithoutApi();

        assertThat(lines(outcome)).contains(
                "VIOLATION reference-twice wallet=andrei reference=\"wonbet-1\" transactions=2",
                "VIOLATION event-twice event_id=" + win.eventId() + " transactions=2");
        assertThat(((CheckOutcome.Violated) outcome).report().count(Kind.STORED_WITHOUT_EVENT_IN_TOPIC)).isEqualTo(1);
    }

    @Test
    void a_reference_stored_in_a_wallet_that_holds_a_tombstone_for_it_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.plant(new TombstonedReferenceStored(WalletId.of("andrei"), "tx-200", 4, "rb-77", 5, "BET", "APPLIED"));

        CheckOutcome outcome = checkWithoutApi();

        assertThat(outcome).isInstanceOf(CheckOutcome.Violated.class);
        assertThat(lines(outcome)).containsExactly(
                "VIOLATION tombstoned-reference wallet=andrei reference=\"tx-200\" tombstone=\"rb-77\" "
                        + "tombstone_sequence=4 stored_sequence=5 stored=BET/APPLIED",
                "CHECK FAILED: violations=1 tombstoned-reference=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void an_original_rolled_back_twice_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.plant(new RepeatedRollback(WalletId.of("andrei"), "tx-123", 2));

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION rolled-back-twice wallet=andrei original=\"tx-123\" rollbacks=2",
                "CHECK FAILED: violations=1 rolled-back-twice=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_rollback_that_does_not_match_its_original_is_a_violation_with_both_rows() {
        ledger.persist(HISTORY);
        ledger.plant(new UnmatchedRollback(WalletId.of("andrei"), 7, "rb-1", "REFUND_BET", "r-9", 500, "tx-123",
                Optional.of(new UnmatchedRollback.Original(5, "BET", "APPLIED", "r-8", 500))));
        ledger.plant(new UnmatchedRollback(WalletId.of("bob"), 3, "rb-2", "NOTHING_TO_ROLL_BACK", null, 0, "tx-9",
                Optional.empty()));

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION rollback-unmatched wallet=andrei sequence=7 reference=\"rb-1\" effect=REFUND_BET "
                        + "round=\"r-9\" amount_cents=500 original=\"tx-123\" original_sequence=5 "
                        + "original_row=BET/APPLIED original_round=\"r-8\" original_amount_cents=500",
                "VIOLATION rollback-unmatched wallet=bob sequence=3 reference=\"rb-2\" effect=NOTHING_TO_ROLL_BACK "
                        + "round=- amount_cents=0 original=\"tx-9\" original_row=none",
                "CHECK FAILED: violations=2 rollback-unmatched=2 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_leg_that_breaks_its_rounds_rules_is_a_violation_with_the_rounds_counts_and_sums() {
        ledger.persist(HISTORY);
        ledger.plant(new RoundRuleBroken(WalletId.of("andrei"), "r-9", 6, "tx-125", RoundRuleBroken.Rule.WIN_WITHOUT_BET,
                0, 1, 0, 1_200));

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION round wallet=andrei round=\"r-9\" sequence=6 reference=\"tx-125\" rule=win-without-bet "
                        + "standing_bets=0 standing_wins=1 staked_cents=0 won_cents=1200",
                "CHECK FAILED: violations=1 round=1 " + FIGURES_WITHOUT_API);
    }

    @Test
    void a_refusal_that_moved_money_or_showed_an_impossible_balance_is_a_violation() {
        ledger.persist(HISTORY);
        ledger.plant(new RefusalDisagreement(WalletId.of("andrei"), 4, "tx-125", "BET", "REJECTED", "INSUFFICIENT_FUNDS",
                10, 0, OptionalLong.of(70), 60));
        ledger.plant(new RefusalDisagreement(WalletId.of("bob"), 3, "rb-5", "ROLLBACK", "TOMBSTONE", null, 0, 5,
                OptionalLong.empty(), 12));

        assertThat(lines(checkWithoutApi())).containsExactly(
                "VIOLATION refusal wallet=andrei sequence=4 reference=\"tx-125\" row=BET/REJECTED "
                        + "code=INSUFFICIENT_FUNDS amount_cents=10 delta_cents=0 shown_balance_cents=70 "
                        + "balance_after_cents=60",
                "VIOLATION refusal wallet=bob sequence=3 reference=\"rb-5\" row=ROLLBACK/TOMBSTONE code=- "
                        + "amount_cents=0 delta_cents=5 shown_balance_cents=- balance_after_cents=12",
                "CHECK FAILED: violations=2 refusal=2 " + FIGURES_WITHOUT_API);
    }

    @Test
    void an_event_of_the_topic_that_postgresql_lacks_is_missing_once_the_catch_up_time_is_over() {
        ledger.persist(HISTORY);
        ledger.corruptByDeleting("andrei", 3);

        CheckOutcome outcome = checkWithoutApi();

        assertThat(lines(outcome)).contains(
                "VIOLATION event-missing wallet=andrei sequence=3 event_id=" + HISTORY.get(2).eventId());
        assertThat(lines(outcome)).last().asString().contains("topic_events=5 transactions=4 caught_up=0");
        assertThat(topic.reads()).as("no time to wait for the consumer, so one read").isEqualTo(1);
    }

    @Test
    void events_the_consumer_persists_while_the_check_waits_are_not_missing() {
        ledger.persist(HISTORY.subList(0, 3));
        topic.onEachRead(read -> {
            if (read == 2) {
                ledger.persist(HISTORY.subList(3, 5));
            }
        });

        CheckOutcome outcome = check(topic, Optional.empty(), Duration.ofSeconds(30));

        assertThat(lines(outcome)).containsExactly("CHECK PASSED: violations=0 " + FIGURES_WITHOUT_API);
        // The first read found events missing; the second changed PostgreSQL while it compared; the
        // third is the first one both caught up and settled.
        assertThat(topic.reads()).isEqualTo(3);
    }

    @Test
    void a_transaction_that_no_event_of_the_topic_accounts_for_is_a_violation() {
        ledger.persist(HISTORY);
        ScriptedTopic truncated = new ScriptedTopic().append(HISTORY.subList(0, 4));

        CheckOutcome outcome = check(truncated, Optional.empty(), Duration.ZERO);

        assertThat(lines(outcome)).containsExactly(
                "VIOLATION stored-not-in-topic postgres_transactions=5 topic_events_found_stored=4",
                "CHECK FAILED: violations=1 stored-not-in-topic=1 topic_events=4 transactions=5 caught_up=1 "
                        + "wallets=2 api_wallets_compared=0");
    }

    @Test
    void a_message_in_the_topic_that_is_not_an_event_is_a_violation_after_the_events_before_it() {
        ledger.persist(HISTORY);
        topic.endingUnreadable();

        CheckOutcome outcome = checkWithoutApi();

        assertThat(outcome).isInstanceOf(CheckOutcome.Violated.class);
        assertThat(lines(outcome)).first().asString()
                .startsWith("VIOLATION unreadable-event after_events=5 reason=\"unreadable event at ")
                .endsWith(": not a wallet event\"");
        assertThat(lines(outcome)).last().asString().contains("topic_events=5 transactions=5 caught_up=1");
    }

    @Test
    void a_balance_the_api_serves_unlike_postgresql_is_a_violation_with_both_figures() {
        ledger.persist(HISTORY);
        api.serves("andrei", 61).serves("bob", 7);

        CheckOutcome outcome = checkWithApi();

        assertThat(lines(outcome)).containsExactly(
                "VIOLATION api-balance wallet=andrei api_balance_cents=61 postgres_balance_cents=60",
                "CHECK FAILED: violations=1 api-balance=1 topic_events=5 transactions=5 caught_up=1 wallets=2 "
                        + "api_wallets_compared=2");
        assertThat(api.timesAsked("andrei")).as("asked again before blaming it").isEqualTo(2);
    }

    @Test
    void a_stored_wallet_the_api_does_not_know_is_a_violation() {
        ledger.persist(HISTORY);
        api.serves("andrei", 60).doesNotKnow("bob");

        assertThat(lines(checkWithApi()))
                .contains("VIOLATION api-balance wallet=bob api_balance_cents=not-found postgres_balance_cents=7");
    }

    @Test
    void an_api_that_agrees_when_asked_again_is_not_blamed_for_a_change_in_flight() {
        ledger.persist(HISTORY);
        api.serves("andrei", 50, 60).serves("bob", 7);

        CheckOutcome outcome = checkWithApi();

        assertThat(outcome).isInstanceOf(CheckOutcome.Holds.class);
        assertThat(api.timesAsked("andrei")).isEqualTo(2);
        assertThat(api.timesAsked("bob")).isEqualTo(1);
    }

    @Test
    void an_api_that_cannot_be_asked_makes_the_check_inconclusive_not_violated() {
        ledger.persist(HISTORY);
        IllegalStateException refused = new IllegalStateException("GET http://127.0.0.1:8081/wallet/andrei refused");
        api.failsWith(refused);

        CheckOutcome outcome = checkWithApi();

        assertThat(outcome).isEqualTo(new CheckOutcome.Inconclusive(refused));
    }

    @Test
    void a_postgresql_that_stops_answering_during_the_topic_comparison_makes_the_check_inconclusive() {
        ledger.persist(HISTORY);
        IllegalStateException gone = new IllegalStateException("connection refused");
        topic.onEachRead(read -> ledger.failWith(gone));

        CheckOutcome outcome = checkWithoutApi();

        assertThat(outcome).isEqualTo(new CheckOutcome.Inconclusive(gone));
    }

    @Test
    void settings_outside_their_bounds_are_refused() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ConservationCheck.Settings(0, 1_000, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConservationCheck.Settings(ConservationCheck.QUERY_LIMIT + 1, 1_000, second,
                second)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConservationCheck.Settings(20, 10_001, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConservationCheck.Settings(20, 1_000, second.negated(), second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConservationCheck.Settings(20, 1_000, second, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private CheckOutcome checkWithApi() {
        return check(topic, Optional.of(api), Duration.ZERO);
    }

    private CheckOutcome checkWithoutApi() {
        return check(topic, Optional.empty(), Duration.ZERO);
    }

    private CheckOutcome check(ReadEventLogPort log, Optional<ReadServedBalancesPort> served, Duration catchUpTimeout) {
        ConservationCheck.Settings settings = new ConservationCheck.Settings(20, 2, catchUpTimeout, Duration.ofMillis(1));
        return new ConservationCheck(ledger, ledger, ledger, log, served, settings).run();
    }

    private static List<String> lines(CheckOutcome outcome) {
        if (outcome instanceof CheckOutcome.Holds holds) {
            return holds.report().lines();
        }
        if (outcome instanceof CheckOutcome.Violated violated) {
            return violated.report().lines();
        }
        throw new AssertionError("the check concluded nothing: " + outcome);
    }
}

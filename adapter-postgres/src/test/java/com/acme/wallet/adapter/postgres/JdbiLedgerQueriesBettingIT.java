package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.wallet.adapter.postgres.PostgresMigrationsIT.Row;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.RefusalDisagreement;
import com.acme.wallet.application.port.out.RepeatedRollback;
import com.acme.wallet.application.port.out.RoundRuleBroken;
import com.acme.wallet.application.port.out.RoundRuleBroken.Rule;
import com.acme.wallet.application.port.out.TombstonedReferenceStored;
import com.acme.wallet.application.port.out.UnmatchedRollback;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audits of bets, wins, rollbacks, tombstones and refusals on a real PostgreSQL: a ledger the
 * domain decided passes every audit, and each ledger written here row by row passes the schema
 * but breaks one rule, which its audit finds (and, unless a rule cannot break alone, no other).
 * Rows are written directly, each with the running sum as its balance after, and the wallet row
 * with the sum and the last sequence, so that only the rule under test is broken.
 */
class JdbiLedgerQueriesBettingIT {

    @RegisterExtension
    final FreshWalletDatabase database = new FreshWalletDatabase();

    private JdbiLedgerQueries ledger;

    @BeforeEach
    void createQueries() {
        ledger = new JdbiLedgerQueries(database.jdbi());
    }

    @Test
    void a_random_history_the_domain_decided_with_changes_in_flight_and_lost_passes_every_audit() {
        TestLog log = new TestLog("persistent://public/default/transactions-partition-0");
        List<LoggedEvent> history = new RandomBettingHistory(20_251_130, log).decide(12, 3_000);
        JdbiEventStore store = new JdbiEventStore(database.jdbi(), new TickingClock());
        for (int from = 0; from < history.size(); from += 200) {
            store.persist(history.subList(from, Math.min(history.size(), from + 200)));
        }

        assertThat(findings()).allSatisfy((audit, found) -> assertThat(found).as(audit).isEmpty());
        // The history covers what the audits judge, so that passing them means something.
        assertThat(count("outcome = 'TOMBSTONE'")).isPositive();
        assertThat(count("rollback_effect = 'REFUND_BET'")).isPositive();
        assertThat(count("rollback_effect = 'RECLAIM_WIN'")).isPositive();
        assertThat(count("original_outcome = 'REJECTED'")).isPositive();
        assertThat(count("refusal_code = 'INSUFFICIENT_FUNDS' AND kind IN ('BET', 'REMOVE')")).isPositive();
        assertThat(count("refusal_code = 'ROUND_CLOSED'")).isPositive();
        assertThat(count("refusal_code = 'ROUND_NOT_FOUND'")).isPositive();
        assertThat(count("refusal_code = 'BET_ALREADY_SETTLED'")).isPositive();
        assertThat(count("outcome = 'REJECTED' AND shown_balance_cents < balance_after_cents"))
                .as("refusals decided with debits in flight").isPositive();
        assertThat(count("closes_round AND outcome = 'APPLIED'")).isPositive();
        assertThat(count("""
                sequence > 1 AND NOT EXISTS (SELECT 1 FROM transactions p
                                             WHERE p.wallet_id = transactions.wallet_id
                                               AND p.sequence = transactions.sequence - 1)"""))
                .as("gaps of appends lost").isPositive();
    }

    @Test
    void rows_written_directly_that_keep_every_rule_pass_every_audit() {
        store("alice", clean());
        // bob's tombstone names alice's bet: a tombstone settles its original in its own wallet only.
        store("bob", Row.opening(), tombstone("t-1", "b-1"));

        assertThat(findings()).allSatisfy((audit, found) -> assertThat(found).as(audit).isEmpty());
    }

    static Stream<Arguments> referencesOfATombstone() {
        return Stream.of(
                Arguments.of("a bet that arrived after its tombstone and was applied", List.of(Row.opening(),
                        tombstone("t-1", "x"), bet("x", "r-1", 5, false)), 2L, 3L, "BET", "APPLIED"),
                Arguments.of("a bet applied before a rollback that then found nothing", List.of(Row.opening(),
                        bet("x", "r-1", 5, false), tombstone("t-1", "x")), 3L, 2L, "BET", "APPLIED"),
                Arguments.of("a refusal recorded for the original of a tombstone", List.of(Row.opening(),
                        tombstone("t-1", "x"), refusedBet("x", "r-1", 5, 3)), 2L, 3L, "BET", "REJECTED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referencesOfATombstone")
    void a_reference_stored_beside_its_tombstone_is_found(String story, List<Row> rows, long tombstoneSequence,
            long storedSequence, String kind, String outcome) {
        store("alice", rows);

        assertOnly("tombstoned references", List.of(new TombstonedReferenceStored(WalletId.of("alice"), "x",
                tombstoneSequence, "t-1", storedSequence, kind, outcome)));
    }

    @Test
    void an_original_rolled_back_twice_is_found_once_the_unique_index_is_gone() {
        database.jdbi().useHandle(handle -> handle.execute("DROP INDEX transactions_one_rollback_per_original"));
        store("alice", Row.opening(), refusedBet("b-1", "r-1", 5, 3), rollbackOfRefused("rr-1", "b-1"),
                rollbackOfRefused("rr-2", "b-1"));

        assertOnly("repeated rollbacks", List.of(new RepeatedRollback(WalletId.of("alice"), "b-1", 2)));
    }

    static Stream<Arguments> rollbacksNotMatchingTheirOriginal() {
        return Stream.of(
                Arguments.of("a refund in another round than its bet's", List.of(bet("b-1", "r-1", 5, false),
                        bet("b-2", "r-2", 5, false), refund("rb", "b-2", "r-1", 5))),
                Arguments.of("a refund of another amount than its bet's", List.of(bet("b-1", "r-1", 5, false),
                        refund("rb", "b-1", "r-1", 4))),
                Arguments.of("a refund of a refused bet", List.of(bet("b-1", "r-1", 5, false),
                        refusedBet("b-2", "r-1", 5, 3), refund("rb", "b-2", "r-1", 5))),
                Arguments.of("a refund before its bet", List.of(bet("b-1", "r-1", 5, false),
                        refund("rb", "b-2", "r-1", 5), bet("b-2", "r-1", 5, false))),
                Arguments.of("a reclaim of a bet", List.of(bet("b-1", "r-1", 5, false), win("w-1", "r-1", 5, false),
                        reclaim("rb", "b-1", "r-1", 5))),
                Arguments.of("a reclaim of a funds change", List.of(bet("b-1", "r-1", 5, false),
                        win("w-1", "r-1", 5, false), Row.add(0, "w-2"), reclaim("rb", "w-2", "r-1", 5))),
                Arguments.of("nothing rolled back of an applied bet", List.of(bet("b-1", "r-1", 5, false),
                        rollbackOfRefused("rb", "b-1"))),
                Arguments.of("nothing rolled back of a refused original that was never stored", List.of(
                        rollbackOfRefused("rb", "ghost"))),
                Arguments.of("nothing rolled back of a refused rollback", List.of(bet("b-1", "r-1", 5, false),
                        Row.refusedRollback(0, "rx", "b-1"), rollbackOfRefused("rb", "rx"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbacksNotMatchingTheirOriginal")
    void a_rollback_that_does_not_match_its_original_is_found(String story, List<Row> rows) {
        store("alice", withOpening(rows));

        assertThat(ledger.unmatchedRollbacks(10)).extracting(UnmatchedRollback::reference).containsExactly("rb");
        assertOnly("unmatched rollbacks", ledger.unmatchedRollbacks(10));
    }

    @Test
    void an_unmatched_rollback_is_reported_with_the_row_it_names() {
        store("alice", Row.opening(), bet("b-1", "r-1", 5, false), bet("b-2", "r-2", 5, false),
                refund("rb", "b-2", "r-1", 5), rollbackOfRefused("rr", "ghost"));

        assertThat(ledger.unmatchedRollbacks(10)).containsExactly(
                new UnmatchedRollback(WalletId.of("alice"), 4, "rb", "REFUND_BET", "r-1", 5, "b-2",
                        Optional.of(new UnmatchedRollback.Original(3, "BET", "APPLIED", "r-2", 5))),
                new UnmatchedRollback(WalletId.of("alice"), 5, "rr", "NOTHING_TO_ROLL_BACK", null, 0, "ghost",
                        Optional.empty()));
        assertThat(ledger.unmatchedRollbacks(1)).hasSize(1);
    }

    static Stream<Arguments> legsBreakingTheirRound() {
        return Stream.of(
                Arguments.of("a win in a round without a bet", List.of(win("w", "r-1", 5, false)),
                        Rule.WIN_WITHOUT_BET, 0L, 1L, 0L, 5L),
                Arguments.of("a win after the round's only bet was refunded", List.of(bet("b-1", "r-1", 5, false),
                        refund("rb-1", "b-1", "r-1", 5), win("w", "r-1", 7, false)),
                        Rule.WIN_WITHOUT_BET, 0L, 1L, 0L, 7L),
                Arguments.of("a bet after a bet that closed the round", List.of(bet("b-1", "r-1", 5, true),
                        bet("w", "r-1", 3, false)), Rule.LEG_AFTER_CLOSE, 2L, 0L, 8L, 0L),
                Arguments.of("a win after a win that closed the round", List.of(bet("b-1", "r-1", 5, false),
                        win("w-1", "r-1", 2, true), win("w", "r-1", 3, false)), Rule.LEG_AFTER_CLOSE, 1L, 2L, 5L, 5L),
                Arguments.of("a bet after the closing bet was refunded", List.of(bet("b-1", "r-1", 5, true),
                        refund("rb-1", "b-1", "r-1", 5), bet("w", "r-1", 3, false)),
                        Rule.LEG_AFTER_CLOSE, 1L, 0L, 3L, 0L),
                Arguments.of("a refund while the round has a standing win", List.of(bet("b-1", "r-1", 5, false),
                        win("w-1", "r-1", 2, false), refund("w", "b-1", "r-1", 5)),
                        Rule.REFUND_AFTER_WIN, 0L, 1L, 0L, 2L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legsBreakingTheirRound")
    void a_leg_that_breaks_its_rounds_rules_is_found_with_the_rounds_counts_and_sums(String story, List<Row> rows,
            Rule rule, long standingBets, long standingWins, long stakedCents, long wonCents) {
        List<Row> all = withOpening(rows);
        store("alice", all);

        assertOnly("round rules", List.of(new RoundRuleBroken(WalletId.of("alice"), "r-1", all.size(), "w", rule,
                standingBets, standingWins, stakedCents, wonCents)));
    }

    @Test
    void a_round_that_gives_back_more_than_it_took_is_found_beside_the_rollback_that_does() {
        // Neither can break alone: a rollback that matches its original cannot give back more.
        store("alice", Row.opening(), bet("b-1", "r-1", 5, false), bet("b-2", "r-2", 5, false),
                refund("rb-1", "b-2", "r-3", 5), bet("b-3", "r-4", 5, false), refund("rb-2", "b-3", "r-4", 12));

        assertThat(ledger.roundRulesBroken(10)).containsExactly(
                new RoundRuleBroken(WalletId.of("alice"), "r-3", 4, "rb-1", Rule.STANDING_BELOW_ZERO, -1, 0, -5, 0),
                new RoundRuleBroken(WalletId.of("alice"), "r-4", 6, "rb-2", Rule.SUM_BELOW_ZERO, 0, 0, -7, 0));
        assertThat(ledger.unmatchedRollbacks(10)).extracting(UnmatchedRollback::reference)
                .containsExactly("rb-1", "rb-2");
        Map<String, List<?>> others = findings();
        others.remove("round rules");
        others.remove("unmatched rollbacks");
        assertThat(others).allSatisfy((audit, found) -> assertThat(found).as(audit).isEmpty());
    }

    static Stream<Arguments> impossibleRefusals() {
        return Stream.of(
                Arguments.of("a refusal that showed more than the balance", List.of(Row.opening()
                        .with("amount_cents", "2").with("delta_cents", "2"), refusedBet("b", "r-1", 5, 3)),
                        "INSUFFICIENT_FUNDS", 5L, 0L, 3L, 2L),
                Arguments.of("a bet refused for want of funds it showed", List.of(Row.opening(),
                        refusedBet("b", "r-1", 5, 7)), "INSUFFICIENT_FUNDS", 5L, 0L, 7L, 10L),
                Arguments.of("a removal refused for want of funds it showed", List.of(Row.opening(),
                        Row.add(0, "b").with("kind", "'REMOVE'").with("outcome", "'REJECTED'").with("delta_cents", "0")
                                .with("refusal_code", "'INSUFFICIENT_FUNDS'").with("shown_balance_cents", "5")),
                        "INSUFFICIENT_FUNDS", 5L, 0L, 5L, 10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impossibleRefusals")
    void a_refusal_with_an_impossible_shown_balance_is_found(String story, List<Row> rows, String code,
            long amountCents, long deltaCents, long shownCents, long balanceAfterCents) {
        store("alice", rows);

        assertThat(ledger.refusalsDisagreeing(10)).extracting(RefusalDisagreement::reference,
                RefusalDisagreement::refusalCode, RefusalDisagreement::amountCents, RefusalDisagreement::deltaCents,
                RefusalDisagreement::shownBalanceCents, RefusalDisagreement::balanceAfterCents)
                .containsExactly(tuple("b", code, amountCents, deltaCents,
                        OptionalLong.of(shownCents), balanceAfterCents));
        assertOnly("refusals", ledger.refusalsDisagreeing(10));
    }

    @Test
    void a_refusal_or_tombstone_that_moved_money_is_found_once_the_schemas_check_is_gone() {
        database.jdbi().useHandle(handle -> handle.execute(
                "ALTER TABLE transactions DROP CONSTRAINT transactions_delta_check"));
        store("alice", Row.opening(), refusedBet("b", "r-1", 5, 3).with("delta_cents", "-5"),
                tombstone("t", "x").with("delta_cents", "1"));

        assertOnly("refusals", List.of(
                new RefusalDisagreement(WalletId.of("alice"), 2, "b", "BET", "REJECTED", "INSUFFICIENT_FUNDS", 5, -5,
                        OptionalLong.of(3), 5),
                new RefusalDisagreement(WalletId.of("alice"), 3, "t", "ROLLBACK", "TOMBSTONE", null, 0, 1,
                        OptionalLong.empty(), 6)));
    }

    /** A wallet's history that keeps every rule, with one of every kind of row the audits judge. */
    private static List<Row> clean() {
        return List.of(Row.opening().with("amount_cents", "1000").with("delta_cents", "1000"),
                bet("b-1", "r-1", 100, false), win("w-1", "r-1", 150, false), reclaim("rc-1", "w-1", "r-1", 150),
                bet("b-2", "r-1", 50, false), refund("rf-2", "b-2", "r-1", 50), refusedBet("b-3", "r-1", 5_000, 750),
                rollbackOfRefused("rr-3", "b-3"), tombstone("t-1", "never"), win("w-2", "r-1", 0, false),
                Row.refusedRollback(0, "rx-1", "b-1").with("refusal_code", "'BET_ALREADY_SETTLED'")
                        .with("shown_balance_cents", "900"),
                win("w-3", "r-1", 200, true),
                refusedBet("b-4", "r-1", 10, 1_100).with("refusal_code", "'ROUND_CLOSED'"),
                bet("b-5", "r-2", 10, true), refund("rf-5", "b-5", "r-2", 10),
                Row.refusedRollback(0, "rx-2", "rf-5").with("refusal_code", "'NOT_ROLLBACKABLE'"),
                win("w-4", "r-2", 30, false).with("outcome", "'REJECTED'").with("delta_cents", "0")
                        .with("refusal_code", "'ROUND_CLOSED'").with("shown_balance_cents", "1100"));
    }

    /** Each audit's answer, by name, in the order the check asks them. */
    private Map<String, List<?>> findings() {
        Map<String, Function<JdbiLedgerQueries, List<?>>> audits = new LinkedHashMap<>();
        audits.put("balances", queries -> queries.balancesDisagreeingWithTransactions(10));
        audits.put("negative balances", queries -> queries.negativeBalances(10));
        audits.put("sequences", queries -> queries.sequencesDisagreeing(10));
        audits.put("running sums", queries -> queries.runningSumsDisagreeing(10));
        audits.put("repeated references", queries -> queries.repeatedReferences(10));
        audits.put("tombstoned references", queries -> queries.tombstonedReferencesStored(10));
        audits.put("repeated rollbacks", queries -> queries.repeatedRollbacks(10));
        audits.put("unmatched rollbacks", queries -> queries.unmatchedRollbacks(10));
        audits.put("round rules", queries -> queries.roundRulesBroken(10));
        audits.put("refusals", queries -> queries.refusalsDisagreeing(10));
        audits.put("repeated event ids", queries -> queries.repeatedEventIds(10));
        Map<String, List<?>> found = new LinkedHashMap<>();
        audits.forEach((name, audit) -> found.put(name, audit.apply(ledger)));
        return found;
    }

    /** Asserts that one audit finds exactly this and every other finds nothing. */
    private void assertOnly(String audit, List<?> expected) {
        Map<String, List<?>> found = findings();
        List<Object> answered = List.copyOf(found.remove(audit));
        assertThat(answered).as(audit).containsExactlyElementsOf(expected);
        assertThat(found).allSatisfy((other, answer) -> assertThat(answer).as(other).isEmpty());
    }

    private long count(String condition) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM transactions WHERE " + condition).mapTo(Long.class).one());
    }

    private void store(String walletId, Row... rows) {
        store(walletId, List.of(rows));
    }

    /**
     * Writes a wallet's rows in the order given, numbered from 1, each with the running sum of the
     * deltas as its balance after, and the wallet row that agrees with them.
     */
    private void store(String walletId, List<Row> rows) {
        database.jdbi().useTransaction(handle -> {
            long balance = 0;
            for (Row row : rows) {
                balance += row.deltaCents();
            }
            handle.execute("INSERT INTO wallets VALUES (?, ?, ?, now(), now())", walletId, balance, rows.size());
            long runningSum = 0;
            for (int i = 0; i < rows.size(); i++) {
                runningSum += rows.get(i).deltaCents();
                rows.get(i).in(walletId).with("sequence", Integer.toString(i + 1))
                        .with("balance_after_cents", Long.toString(runningSum)).insert(handle);
            }
        });
    }

    private static List<Row> withOpening(List<Row> rows) {
        List<Row> all = new ArrayList<>(List.of(Row.opening().with("amount_cents", "100").with("delta_cents", "100")));
        all.addAll(rows);
        return all;
    }

    private static Row bet(String reference, String round, long cents, boolean closes) {
        return Row.bet(0, reference).with("round_id", "'" + round + "'").with("amount_cents", Long.toString(cents))
                .with("delta_cents", Long.toString(-cents)).with("closes_round", Boolean.toString(closes));
    }

    private static Row win(String reference, String round, long cents, boolean closes) {
        return bet(reference, round, cents, closes).with("kind", "'WIN'").with("delta_cents", Long.toString(cents));
    }

    private static Row refusedBet(String reference, String round, long cents, long shownCents) {
        return bet(reference, round, cents, false).with("outcome", "'REJECTED'").with("delta_cents", "0")
                .with("refusal_code", "'INSUFFICIENT_FUNDS'").with("shown_balance_cents", Long.toString(shownCents));
    }

    private static Row refund(String reference, String original, String round, long cents) {
        return Row.refund(0, reference, original).with("round_id", "'" + round + "'")
                .with("amount_cents", Long.toString(cents)).with("delta_cents", Long.toString(cents));
    }

    private static Row reclaim(String reference, String original, String round, long cents) {
        return refund(reference, original, round, cents).with("rollback_effect", "'RECLAIM_WIN'")
                .with("delta_cents", Long.toString(-cents));
    }

    private static Row rollbackOfRefused(String reference, String original) {
        return Row.rollbackOfRefused(0, reference, original);
    }

    private static Row tombstone(String reference, String original) {
        return Row.tombstone(0, reference, original);
    }
}

package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.AuditStoredLedgerPort;
import com.acme.wallet.application.port.out.BalanceDisagreement;
import com.acme.wallet.application.port.out.FindStoredEventPlacesPort;
import com.acme.wallet.application.port.out.ReadStoredBalancesPort;
import com.acme.wallet.application.port.out.RefusalDisagreement;
import com.acme.wallet.application.port.out.RepeatedEventId;
import com.acme.wallet.application.port.out.RepeatedReference;
import com.acme.wallet.application.port.out.RepeatedRollback;
import com.acme.wallet.application.port.out.RoundRuleBroken;
import com.acme.wallet.application.port.out.RunningSumDisagreement;
import com.acme.wallet.application.port.out.SequenceDisagreement;
import com.acme.wallet.application.port.out.StoredBalance;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.application.port.out.TombstonedReferenceStored;
import com.acme.wallet.application.port.out.UnmatchedRollback;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Read-only questions about the stored ledger, for checks that no money was lost or invented
 * (integration tests and the application's conservation check, through its three ports). Each
 * audit is one statement that reads the table once or, for the betting rules, the rows of one of
 * the partial indexes joined to the unique (wallet_id, reference) index.
 *
 * <p>Each query runs in its own short transaction and sees committed data only.
 */
public final class JdbiLedgerQueries
        implements AuditStoredLedgerPort, FindStoredEventPlacesPort, ReadStoredBalancesPort {

    /** The most disagreements one call reports: enough to act on, bounded for a badly broken table. */
    public static final int MAX_DISAGREEMENTS = 1_000;

    // Each row's delta_cents is how it moved the balance, whatever its kind and outcome (a refusal
    // or a tombstone moves nothing), and the schema checks it against the row's amount.
    // SUM over bigint is numeric in PostgreSQL, so the sum itself cannot overflow; the cast back to
    // bigint fails loudly if a result ever would.
    private static final String DISAGREEMENTS = """
            SELECT w.wallet_id, w.balance_cents, COALESCE(s.sum_cents, 0)::bigint AS sum_cents
            FROM wallets w
            LEFT JOIN (SELECT wallet_id, SUM(delta_cents) AS sum_cents
                       FROM transactions
                       GROUP BY wallet_id) s ON s.wallet_id = w.wallet_id
            WHERE s.sum_cents IS DISTINCT FROM w.balance_cents
            ORDER BY w.wallet_id
            LIMIT :limit""";

    private static final String NEGATIVE_BALANCES = """
            SELECT wallet_id, balance_cents FROM wallets WHERE balance_cents < 0 ORDER BY wallet_id LIMIT :limit""";

    // last_sequence is the last of a wallet's transactions. A gap is no disagreement: it is an event
    // that never reached the log (a change whose send failed while a later one of the wallet was
    // stored), and writer, consumer and checker all accept it; an event the log holds but PostgreSQL
    // lacks is found by comparing with the topic instead.
    private static final String SEQUENCE_DISAGREEMENTS = """
            SELECT w.wallet_id, w.last_sequence, COALESCE(s.max_sequence, 0) AS max_sequence,
                   COALESCE(s.transaction_count, 0) AS transaction_count
            FROM wallets w
            LEFT JOIN (SELECT wallet_id, MAX(sequence) AS max_sequence, COUNT(*) AS transaction_count
                       FROM transactions GROUP BY wallet_id) s ON s.wallet_id = w.wallet_id
            WHERE s.max_sequence IS DISTINCT FROM w.last_sequence
            ORDER BY w.wallet_id
            LIMIT :limit""";

    // The window sum is numeric (see DISAGREEMENTS), so it cannot overflow before the comparison.
    private static final String RUNNING_SUM_DISAGREEMENTS = """
            SELECT wallet_id, sequence, reference, balance_after_cents, running_sum_cents::bigint AS running_sum_cents
            FROM (SELECT wallet_id, sequence, reference, balance_after_cents,
                         SUM(delta_cents) OVER (PARTITION BY wallet_id ORDER BY sequence) AS running_sum_cents
                  FROM transactions) t
            WHERE running_sum_cents <> balance_after_cents
            ORDER BY wallet_id, sequence
            LIMIT :limit""";

    private static final String REPEATED_REFERENCES = """
            SELECT wallet_id, reference, COUNT(*) AS repeats FROM transactions
            WHERE reference IS NOT NULL
            GROUP BY wallet_id, reference HAVING COUNT(*) > 1
            ORDER BY wallet_id, reference
            LIMIT :limit""";

    private static final String REPEATED_EVENT_IDS = """
            SELECT event_id::text AS event_id, COUNT(*) AS repeats FROM transactions
            GROUP BY event_id HAVING COUNT(*) > 1
            ORDER BY event_id
            LIMIT :limit""";

    // A tombstone settles its original for good: nothing of that reference may be stored, before or
    // after it, whatever its outcome. Each tombstone is joined by the unique (wallet_id, reference)
    // index; the tombstones themselves are found through the rollbacks' partial index, whose
    // predicate the first two conditions repeat so that the planner may use it.
    private static final String TOMBSTONED_REFERENCES_STORED = """
            SELECT t.wallet_id, t.original_reference, t.sequence AS tombstone_sequence,
                   t.reference AS tombstone_reference, s.sequence AS stored_sequence, s.kind AS stored_kind,
                   s.outcome AS stored_outcome
            FROM transactions t
            JOIN transactions s ON s.wallet_id = t.wallet_id AND s.reference = t.original_reference
            WHERE t.kind = 'ROLLBACK' AND t.outcome <> 'REJECTED' AND t.outcome = 'TOMBSTONE'
            ORDER BY t.wallet_id, t.original_reference, s.sequence
            LIMIT :limit""";

    // The unique index transactions_one_rollback_per_original forbids it; this checks that it held.
    private static final String REPEATED_ROLLBACKS = """
            SELECT wallet_id, original_reference, COUNT(*) AS rollbacks FROM transactions
            WHERE kind = 'ROLLBACK' AND outcome <> 'REJECTED'
            GROUP BY wallet_id, original_reference HAVING COUNT(*) > 1
            ORDER BY wallet_id, original_reference
            LIMIT :limit""";

    // What each rollback effect requires of the row its original reference names, in the same
    // wallet and earlier. A missing original makes the condition NULL, hence "IS NOT TRUE". A
    // tombstone's original must have no row at all: TOMBSTONED_REFERENCES_STORED checks it.
    private static final String UNMATCHED_ROLLBACKS = """
            SELECT r.wallet_id, r.sequence, r.reference, r.rollback_effect, r.round_id, r.amount_cents,
                   r.original_reference, o.sequence AS original_sequence, o.kind AS original_kind,
                   o.outcome AS original_outcome, o.round_id AS original_round_id,
                   o.amount_cents AS original_amount_cents
            FROM transactions r
            LEFT JOIN transactions o ON o.wallet_id = r.wallet_id AND o.reference = r.original_reference
            WHERE r.kind = 'ROLLBACK' AND r.outcome <> 'REJECTED' AND r.outcome <> 'TOMBSTONE'
              AND (o.sequence < r.sequence AND CASE r.rollback_effect
                      WHEN 'REFUND_BET' THEN o.kind = 'BET' AND o.outcome = 'APPLIED'
                           AND o.round_id = r.round_id AND o.amount_cents = r.amount_cents
                      WHEN 'RECLAIM_WIN' THEN o.kind = 'WIN' AND o.outcome = 'APPLIED'
                           AND o.round_id = r.round_id AND o.amount_cents = r.amount_cents
                      WHEN 'NOTHING_TO_ROLL_BACK' THEN r.original_outcome = 'REJECTED'
                           AND o.kind IN ('BET', 'WIN') AND o.outcome = 'REJECTED'
                      ELSE false END) IS NOT TRUE
            ORDER BY r.wallet_id, r.sequence
            LIMIT :limit""";

    // A round's legs as the domain counts them (RoundSummary): its applied bets and wins, and the
    // refunds and reclaims that name it, in sequence order; exactly the rows of the partial index
    // transactions_round_legs. Each leg is judged by the round's state before it (a win or a refund
    // does not change the count it is judged by, so the running count through it serves) and the
    // counts after it. A closing leg closes the round even once rolled back, as in the domain. The
    // sums are numeric, as in DISAGREEMENTS.
    private static final String ROUND_RULES_BROKEN = """
            SELECT wallet_id, round_id, sequence, reference, rule, standing_bets::bigint AS standing_bets,
                   standing_wins::bigint AS standing_wins, staked_cents::bigint AS staked_cents,
                   won_cents::bigint AS won_cents
            FROM (SELECT *, CASE
                      WHEN leg IN ('BET', 'WIN') AND closed_before THEN 'LEG_AFTER_CLOSE'
                      WHEN leg = 'WIN' AND standing_bets <= 0 THEN 'WIN_WITHOUT_BET'
                      WHEN leg = 'REFUND_BET' AND standing_wins > 0 THEN 'REFUND_AFTER_WIN'
                      WHEN standing_bets < 0 OR standing_wins < 0 THEN 'STANDING_BELOW_ZERO'
                      WHEN staked_cents < 0 OR won_cents < 0 THEN 'SUM_BELOW_ZERO'
                  END AS rule
                  FROM (SELECT wallet_id, round_id, sequence, reference, leg,
                               SUM(bet_step) OVER legs AS standing_bets, SUM(win_step) OVER legs AS standing_wins,
                               SUM(bet_step * amount_cents) OVER legs AS staked_cents,
                               SUM(win_step * amount_cents) OVER legs AS won_cents,
                               COALESCE(bool_or(closes_round) OVER legs_before, false) AS closed_before
                        FROM (SELECT wallet_id, round_id, sequence, reference, amount_cents, closes_round,
                                     CASE WHEN kind = 'ROLLBACK' THEN rollback_effect ELSE kind END AS leg,
                                     CASE WHEN kind = 'BET' THEN 1 WHEN rollback_effect = 'REFUND_BET' THEN -1
                                          ELSE 0 END AS bet_step,
                                     CASE WHEN kind = 'WIN' THEN 1 WHEN rollback_effect = 'RECLAIM_WIN' THEN -1
                                          ELSE 0 END AS win_step
                              FROM transactions
                              WHERE round_id IS NOT NULL AND outcome = 'APPLIED') l
                        WINDOW legs AS (PARTITION BY wallet_id, round_id ORDER BY sequence),
                               legs_before AS (legs ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) c) j
            WHERE rule IS NOT NULL
            ORDER BY wallet_id, round_id, sequence
            LIMIT :limit""";

    // A refusal or a tombstone moves nothing (the schema checks it too). A refusal shows the balance
    // less the debits in flight when it was decided; every stored change before it in sequence
    // either was durable then or was in flight then, so the balance after it (the same as before
    // it) is at least what it showed, and a bet or removal refused for want of funds asked more.
    private static final String REFUSALS_DISAGREEING = """
            SELECT wallet_id, sequence, reference, kind, outcome, refusal_code, amount_cents, delta_cents,
                   shown_balance_cents, balance_after_cents
            FROM transactions
            WHERE outcome <> 'APPLIED'
              AND (delta_cents <> 0
                   OR outcome = 'REJECTED' AND (shown_balance_cents > balance_after_cents
                       OR refusal_code = 'INSUFFICIENT_FUNDS' AND kind IN ('BET', 'REMOVE')
                          AND amount_cents <= shown_balance_cents))
            ORDER BY wallet_id, sequence
            LIMIT :limit""";

    private static final String BALANCES_AFTER = """
            SELECT wallet_id, balance_cents FROM wallets WHERE wallet_id > :after ORDER BY wallet_id LIMIT :limit""";

    // Both the transaction at each asked place and the place of each asked event id, so that an event
    // stored elsewhere, or another event at its place, shows up in one round trip.
    private static final String STORED_PLACES = """
            SELECT t.event_id::text AS event_id, t.wallet_id, t.sequence
            FROM transactions t
            JOIN unnest(:wallets, :sequences) AS p(wallet_id, sequence)
              ON t.wallet_id = p.wallet_id AND t.sequence = p.sequence
            UNION
            SELECT event_id::text, wallet_id, sequence FROM transactions
            WHERE event_id = ANY(CAST(:eventIds AS uuid[]))""";

    private final Jdbi jdbi;

    /**
     * Creates the queries.
     *
     * @param jdbi the wallet database, migrated
     */
    public JdbiLedgerQueries(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * Finds wallets whose stored balance differs from the sum of their transactions.
     *
     * @return up to {@value #MAX_DISAGREEMENTS} of them, by wallet id; empty when the ledger adds up
     */
    public List<BalanceDisagreement> balancesDisagreeingWithTransactions() {
        return balancesDisagreeingWithTransactions(MAX_DISAGREEMENTS);
    }

    /** {@return how many transactions are stored, openings included} */
    @Override
    public long transactionCount() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM transactions")
                .mapTo(Long.class)
                .one());
    }

    /**
     * Reads one wallet's stored balance.
     *
     * @param id the wallet
     * @return its balance in cents, or empty if it is not stored
     */
    @Override
    public OptionalLong walletBalance(WalletId id) {
        Objects.requireNonNull(id, "id");
        return jdbi.withHandle(handle -> handle.createQuery("SELECT balance_cents FROM wallets WHERE wallet_id = :id")
                .bind("id", id.value())
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty));
    }

    /**
     * Finds wallets whose stored balance differs from the sum of their transactions.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id
     */
    @Override
    public List<BalanceDisagreement> balancesDisagreeingWithTransactions(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(DISAGREEMENTS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new BalanceDisagreement(WalletId.of(row.getString("wallet_id")),
                        row.getLong("balance_cents"), row.getLong("sum_cents")))
                .list());
    }

    /**
     * Finds wallets with a balance below zero (the schema forbids it; this checks that it held).
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id
     */
    @Override
    public List<StoredBalance> negativeBalances(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(NEGATIVE_BALANCES)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new StoredBalance(WalletId.of(row.getString("wallet_id")),
                        row.getLong("balance_cents")))
                .list());
    }

    /**
     * Finds wallets whose last sequence is not the last of their transactions. A gap in the
     * sequence is not reported: see {@link SequenceDisagreement}.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id
     */
    @Override
    public List<SequenceDisagreement> sequencesDisagreeing(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(SEQUENCE_DISAGREEMENTS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new SequenceDisagreement(WalletId.of(row.getString("wallet_id")),
                        row.getLong("last_sequence"), row.getLong("max_sequence"), row.getLong("transaction_count")))
                .list());
    }

    /**
     * Finds transactions whose balance after is not the running sum of their wallet's transactions.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    @Override
    public List<RunningSumDisagreement> runningSumsDisagreeing(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(RUNNING_SUM_DISAGREEMENTS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new RunningSumDisagreement(WalletId.of(row.getString("wallet_id")),
                        row.getLong("sequence"), row.getString("reference"), row.getLong("balance_after_cents"),
                        row.getLong("running_sum_cents")))
                .list());
    }

    /**
     * Finds references stored more than once for a wallet (the schema forbids it; this checks that
     * it held).
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id and reference
     */
    @Override
    public List<RepeatedReference> repeatedReferences(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPEATED_REFERENCES)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new RepeatedReference(WalletId.of(row.getString("wallet_id")),
                        row.getString("reference"), row.getLong("repeats")))
                .list());
    }

    /**
     * Finds event ids stored in more than one transaction (the schema forbids it; this checks that
     * it held).
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by event id
     */
    @Override
    public List<RepeatedEventId> repeatedEventIds(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPEATED_EVENT_IDS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new RepeatedEventId(UUID.fromString(row.getString("event_id")),
                        row.getLong("repeats")))
                .list());
    }

    /**
     * Finds references stored in a wallet that holds a tombstone for them, in whichever order.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id, reference and the stored row's sequence
     */
    @Override
    public List<TombstonedReferenceStored> tombstonedReferencesStored(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(TOMBSTONED_REFERENCES_STORED)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new TombstonedReferenceStored(WalletId.of(row.getString("wallet_id")),
                        row.getString("original_reference"), row.getLong("tombstone_sequence"),
                        row.getString("tombstone_reference"), row.getLong("stored_sequence"),
                        row.getString("stored_kind"), row.getString("stored_outcome")))
                .list());
    }

    /**
     * Finds originals rolled back more than once in a wallet, refused rollbacks left out (the
     * schema forbids it; this checks that it held).
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id and original reference
     */
    @Override
    public List<RepeatedRollback> repeatedRollbacks(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REPEATED_ROLLBACKS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new RepeatedRollback(WalletId.of(row.getString("wallet_id")),
                        row.getString("original_reference"), row.getLong("rollbacks")))
                .list());
    }

    /**
     * Finds rollbacks, refused ones and tombstones left out, that do not match the original they name.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    @Override
    public List<UnmatchedRollback> unmatchedRollbacks(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(UNMATCHED_ROLLBACKS)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new UnmatchedRollback(WalletId.of(row.getString("wallet_id")),
                        row.getLong("sequence"), row.getString("reference"), row.getString("rollback_effect"),
                        row.getString("round_id"), row.getLong("amount_cents"), row.getString("original_reference"),
                        row.getString("original_kind") == null ? Optional.empty()
                                : Optional.of(new UnmatchedRollback.Original(row.getLong("original_sequence"),
                                        row.getString("original_kind"), row.getString("original_outcome"),
                                        row.getString("original_round_id"), row.getLong("original_amount_cents")))))
                .list());
    }

    /**
     * Finds legs of rounds that break the round's rules.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id, round and sequence
     */
    @Override
    public List<RoundRuleBroken> roundRulesBroken(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(ROUND_RULES_BROKEN)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> new RoundRuleBroken(WalletId.of(row.getString("wallet_id")),
                        row.getString("round_id"), row.getLong("sequence"), row.getString("reference"),
                        RoundRuleBroken.Rule.valueOf(row.getString("rule")), row.getLong("standing_bets"),
                        row.getLong("standing_wins"), row.getLong("staked_cents"), row.getLong("won_cents")))
                .list());
    }

    /**
     * Finds refusals and tombstones that moved money, and refusals whose shown balance is impossible.
     *
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} of them, by wallet id and sequence
     */
    @Override
    public List<RefusalDisagreement> refusalsDisagreeing(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(REFUSALS_DISAGREEING)
                .bind("limit", checkedLimit(limit))
                .map((row, context) -> {
                    long shown = row.getLong("shown_balance_cents");
                    OptionalLong shownBalance = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(shown);
                    return new RefusalDisagreement(WalletId.of(row.getString("wallet_id")), row.getLong("sequence"),
                            row.getString("reference"), row.getString("kind"), row.getString("outcome"),
                            row.getString("refusal_code"), row.getLong("amount_cents"), row.getLong("delta_cents"),
                            shownBalance,
                            row.getLong("balance_after_cents"));
                })
                .list());
    }

    /**
     * Reads one page of stored balances, for walking every wallet with bounded memory.
     *
     * @param afterWalletId the last wallet id of the previous page, or the empty string for the first
     * @param pageSize the most to return, 1 to {@value #MAX_PAGE_SIZE}
     * @return the balances of the wallets after {@code afterWalletId}, by wallet id
     */
    @Override
    public List<StoredBalance> balancesAfter(String afterWalletId, int pageSize) {
        Objects.requireNonNull(afterWalletId, "afterWalletId");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE + ", not " + pageSize);
        }
        return jdbi.withHandle(handle -> handle.createQuery(BALANCES_AFTER)
                .bind("after", afterWalletId)
                .bind("limit", pageSize)
                .map((row, context) -> new StoredBalance(WalletId.of(row.getString("wallet_id")),
                        row.getLong("balance_cents")))
                .list());
    }

    /**
     * Looks up, in one statement, the transactions stored at the given places and wherever the given
     * event ids are stored.
     *
     * @param places up to {@value #MAX_PLACES_PER_LOOKUP} events as the log has them
     * @return every stored transaction at one of those (wallet, sequence) places or with one of those
     *     event ids, each once, in no particular order
     */
    @Override
    public List<StoredEventPlace> storedPlacesOf(List<StoredEventPlace> places) {
        Objects.requireNonNull(places, "places");
        if (places.size() > MAX_PLACES_PER_LOOKUP) {
            throw new IllegalArgumentException("at most " + MAX_PLACES_PER_LOOKUP + " places per lookup, not "
                    + places.size());
        }
        if (places.isEmpty()) {
            return List.of();
        }
        List<String> wallets = new ArrayList<>(places.size());
        List<Long> sequences = new ArrayList<>(places.size());
        List<String> eventIds = new ArrayList<>(places.size());
        for (StoredEventPlace place : places) {
            wallets.add(place.walletId().value());
            sequences.add(place.sequence());
            eventIds.add(place.eventId().toString());
        }
        return jdbi.withHandle(handle -> handle.createQuery(STORED_PLACES)
                .bindArray("wallets", String.class, wallets)
                .bindArray("sequences", Long.class, sequences)
                .bindArray("eventIds", String.class, eventIds)
                .map((row, context) -> new StoredEventPlace(UUID.fromString(row.getString("event_id")),
                        WalletId.of(row.getString("wallet_id")), row.getLong("sequence")))
                .list());
    }

    private static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }
}

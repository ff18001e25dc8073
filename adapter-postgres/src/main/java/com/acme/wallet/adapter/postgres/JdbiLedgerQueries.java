package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.AuditStoredLedgerPort;
import com.acme.wallet.application.port.out.BalanceDisagreement;
import com.acme.wallet.application.port.out.FindStoredEventPlacesPort;
import com.acme.wallet.application.port.out.ReadStoredBalancesPort;
import com.acme.wallet.application.port.out.RepeatedEventId;
import com.acme.wallet.application.port.out.RepeatedReference;
import com.acme.wallet.application.port.out.RunningSumDisagreement;
import com.acme.wallet.application.port.out.SequenceDisagreement;
import com.acme.wallet.application.port.out.StoredBalance;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.domain.WalletId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Read-only questions about the stored ledger, for checks that no money was lost or invented
 * (integration tests and the application's conservation check, through its three ports).
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

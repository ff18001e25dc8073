package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.WalletId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Read-only questions about the stored ledger, for checks that no money was lost or invented
 * (integration tests, a conservation checker, an operator).
 *
 * <p>Each query runs in its own short transaction and sees committed data only.
 */
public final class JdbiLedgerQueries {

    /** The most disagreements one call reports: enough to act on, bounded for a badly broken table. */
    public static final int MAX_DISAGREEMENTS = 1_000;

    // SUM over bigint is numeric in PostgreSQL, so the sum itself cannot overflow; the cast back to
    // bigint fails loudly if a result ever would.
    private static final String DISAGREEMENTS = """
            SELECT w.wallet_id, w.balance_cents, COALESCE(s.sum_cents, 0)::bigint AS sum_cents
            FROM wallets w
            LEFT JOIN (SELECT wallet_id,
                              SUM(CASE kind WHEN 'REMOVE' THEN -amount_cents ELSE amount_cents END) AS sum_cents
                       FROM transactions
                       GROUP BY wallet_id) s ON s.wallet_id = w.wallet_id
            WHERE s.sum_cents IS DISTINCT FROM w.balance_cents
            ORDER BY w.wallet_id
            LIMIT :limit""";

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
        return jdbi.withHandle(handle -> handle.createQuery(DISAGREEMENTS)
                .bind("limit", MAX_DISAGREEMENTS)
                .map((row, context) -> new BalanceDisagreement(WalletId.of(row.getString("wallet_id")),
                        row.getLong("balance_cents"), row.getLong("sum_cents")))
                .list());
    }

    /** {@return how many transactions are stored, openings included} */
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
    public OptionalLong walletBalance(WalletId id) {
        Objects.requireNonNull(id, "id");
        return jdbi.withHandle(handle -> handle.createQuery("SELECT balance_cents FROM wallets WHERE wallet_id = :id")
                .bind("id", id.value())
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty));
    }
}

package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.history.HistoryEntry;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.application.port.out.history.HistoryPageRequest;
import com.acme.wallet.application.port.out.history.ReadHistoryPort;
import com.acme.wallet.application.port.out.history.StoredHistory;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads the stored history of wallets from {@code transactions}, each answer one statement, so that
 * the wallet's {@code last_sequence} and the rows come from one snapshot.
 *
 * <h2>Indexes</h2>
 * A page is a keyset range of the primary key {@code (wallet_id, sequence)}: {@code sequence > :after}
 * ascending, {@code sequence < :after} descending, read in index order up to the limit, so its cost
 * does not grow with the page number. Type, round and time filters are checked on the rows as the
 * range is read: a filter that matches few of a wallet's rows reads more of them for a page (bounded
 * by the pool's statement timeout). The balance at an instant reads the primary key backwards from
 * the wallet's last row to the first that occurred at or before it. A round reads the partial index
 * {@code transactions_round_legs}, which holds exactly the rows it needs.
 *
 * <h2>Instants</h2>
 * PostgreSQL keeps microseconds. Bounds are rounded so that the comparison means what it says for a
 * finer instant: {@code from} and {@code to} up to the next microsecond, {@code at} down to it.
 */
public final class JdbiWalletHistory implements ReadHistoryPort {

    /** The wallet's stored sequence beside each row the inner query selects (or beside none). */
    private static final String READ = """
            SELECT s.stored_through, e.*
            FROM (SELECT COALESCE((SELECT last_sequence FROM wallets WHERE wallet_id = :walletId), 0)
                         AS stored_through) s
            LEFT JOIN (SELECT %s FROM transactions t WHERE t.wallet_id = :walletId AND %s) e ON true
            ORDER BY e.sequence %s""";

    private final Jdbi jdbi;

    /**
     * Creates the reader.
     *
     * @param jdbi the wallet database, migrated; give it short timeouts, since a request waits for each read
     */
    public JdbiWalletHistory(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public StoredHistory page(WalletId wallet, HistoryPageRequest page) {
        Objects.requireNonNull(page, "page");
        boolean ascending = page.order() == HistoryOrder.ASCENDING;
        Map<String, Object> binds = new TreeMap<>();
        List<String> conditions = new ArrayList<>();
        page.after().ifPresent(after -> {
            conditions.add(ascending ? "t.sequence > :after" : "t.sequence < :after");
            binds.put("after", after);
        });
        HistoryFilter filter = page.filter();
        if (!filter.types().isEmpty()) {
            conditions.add("t.kind = ANY(:types)");
            binds.put("types", filter.types().stream().map(TransactionType::name).sorted().toArray(String[]::new));
        }
        filter.roundId().ifPresent(round -> {
            conditions.add("t.round_id = :roundId");
            binds.put("roundId", round.value());
        });
        filter.from().ifPresent(from -> {
            conditions.add("t.occurred_at >= :from");
            binds.put("from", timestamp(ceilToMicros(from)));
        });
        filter.to().ifPresent(to -> {
            conditions.add("t.occurred_at < :to");
            binds.put("to", timestamp(ceilToMicros(to)));
        });
        String order = ascending ? "ASC" : "DESC";
        String where = conditions.isEmpty() ? "true" : String.join(" AND ", conditions);
        return read(wallet, where + " ORDER BY t.sequence " + order + " LIMIT :limit", order,
                withLimit(binds, page.limit()));
    }

    @Override
    public StoredHistory entryAt(WalletId wallet, long sequence) {
        return read(wallet, "t.sequence = :sequence", "ASC", Map.of("sequence", sequence));
    }

    @Override
    public StoredHistory lastEntryAt(WalletId wallet, Instant at) {
        Objects.requireNonNull(at, "at");
        return read(wallet, "t.occurred_at <= :at ORDER BY t.sequence DESC LIMIT 1", "DESC",
                Map.of("at", timestamp(at.truncatedTo(ChronoUnit.MICROS))));
    }

    @Override
    public StoredHistory round(WalletId wallet, RoundId roundId, int limit) {
        Objects.requireNonNull(roundId, "roundId");
        // These conditions are the index transactions_round_legs's, so that the planner can use it.
        return read(wallet, "t.round_id = :roundId AND t.outcome = 'APPLIED' ORDER BY t.sequence LIMIT :limit", "ASC",
                withLimit(new TreeMap<>(Map.of("roundId", roundId.value())), limit));
    }

    /** {@return the statement of {@link #READ} with these conditions, for an EXPLAIN in tests} */
    static String statement(String conditions, String order) {
        return READ.formatted(StoredTransactions.COLUMNS, conditions, order);
    }

    private StoredHistory read(WalletId wallet, String conditions, String order, Map<String, Object> binds) {
        Objects.requireNonNull(wallet, "wallet");
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery(statement(conditions, order))
                .bind("walletId", wallet.value())
                .bindMap(binds)
                .map((row, context) -> Row.read(row))
                .list());
        long storedThrough = rows.get(0).storedThrough();
        List<HistoryEntry> entries = rows.stream()
                .flatMap(row -> row.transaction().stream())
                .map(row -> new HistoryEntry(TransactionMapping.event(row), row.balanceAfterCents()))
                .toList();
        return new StoredHistory(storedThrough, entries);
    }

    private static Map<String, Object> withLimit(Map<String, Object> binds, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a read returns at least one row, not " + limit);
        }
        binds.put("limit", limit);
        return binds;
    }

    private static Instant ceilToMicros(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** One row of {@link #READ}: the wallet's stored sequence, and a transaction or none. */
    private record Row(long storedThrough, Optional<TransactionRow> transaction) {

        static Row read(ResultSet row) throws SQLException {
            Optional<TransactionRow> transaction = row.getObject("event_id") == null ? Optional.empty()
                    : Optional.of(StoredTransactions.read(row));
            return new Row(row.getLong("stored_through"), transaction);
        }
    }
}

package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.RoundSummary;
import com.acme.wallet.domain.WalletId;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.lang.System.Logger.Level;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;

/**
 * Answers the writer from PostgreSQL for the changes it no longer holds in memory, with a Bloom
 * filter in front of the lookup so that a new reference or a new round (the common cases) costs no
 * query.
 *
 * <h2>The filter</h2>
 * It holds, per wallet, every reference that a stored row settles (its own, and the original of a
 * rollback that was not refused: a tombstone settles an original that never arrived) and every
 * round with a leg that counts in its summary (an applied bet or win, a refund, a reclaim), read
 * when {@link #index()} read the table, plus the same of every entry the writer forgot since:
 * together, every reference and round the writer may ask about. A round is put under a key of its
 * own, so a round id never passes for a reference of the same name. Until the index is read every
 * recall queries PostgreSQL. "Not in the filter" is certain, so a recall none of whose references
 * and round might be stored is answered without a query; a "maybe" (about
 * {@value #FALSE_POSITIVE_PERCENT}% of new names, more once the filter holds more than it was sized
 * for) costs one query. The filter is sized at twice the stored rows, at least
 * {@value #MIN_CAPACITY} keys, about 1.2 bytes per key: a funds change puts one key, a bet and its
 * win three between them (two references, one round), a rollback two.
 *
 * <h2>One round trip</h2>
 * A recall is one statement, so the wallet's stored sequence, the entries and the round's summary
 * come from one snapshot: the answer claims to cover exactly what it looked at.
 *
 * <h2>A store behind the writer</h2>
 * The answer states the wallet's last stored sequence, so that a database restored from an older
 * copy answers "covers less than you forgot" rather than "not stored", and the writer answers
 * "retry later".
 */
public final class JdbiStoredChanges implements StoredChangesPort {

    private static final System.Logger LOG = System.getLogger(JdbiStoredChanges.class.getName());

    /** The false-positive rate the filter is sized for, in percent. */
    public static final int FALSE_POSITIVE_PERCENT = 1;

    /** The fewest keys the filter is sized for. */
    public static final long MIN_CAPACITY = 1_000_000;

    /** The most wallets asked about in one query; more are asked in several. */
    static final int MAX_WALLETS_PER_QUERY = 1_000;

    private static final int INDEX_FETCH_SIZE = 10_000;

    /**
     * The wallet's stored sequence and the round's summary in one row, beside each entry asked for
     * (or beside none). The summary counts the round's applied legs up to :roundThrough, as
     * {@link RoundSummary#of} does, by the index transactions_round_legs; no round is counted when
     * :roundId is null. Entries are those of the asked references, and the rollbacks (not refused)
     * that name one of them, by the index transactions_one_rollback_per_original; a rollback
     * whose own reference was asked is found once, by its reference.
     */
    private static final String RECALL = """
            SELECT s.stored_through, s.standing_bets, s.standing_wins, s.closed, s.last_leg, e.*
            FROM (SELECT COALESCE((SELECT last_sequence FROM wallets WHERE wallet_id = :walletId), 0)
                             AS stored_through,
                         count(*) FILTER (WHERE t.kind = 'BET')
                             - count(*) FILTER (WHERE t.rollback_effect = 'REFUND_BET') AS standing_bets,
                         count(*) FILTER (WHERE t.kind = 'WIN')
                             - count(*) FILTER (WHERE t.rollback_effect = 'RECLAIM_WIN') AS standing_wins,
                         COALESCE(bool_or(t.closes_round), false) AS closed,
                         COALESCE(max(t.sequence), 0) AS last_leg
                  FROM transactions t
                  WHERE t.wallet_id = :walletId AND t.round_id = CAST(:roundId AS text)
                    AND t.outcome = 'APPLIED' AND t.sequence <= :roundThrough) s
            LEFT JOIN (SELECT %1$s FROM transactions t
                       WHERE t.wallet_id = :walletId AND t.reference = ANY(:references)
                       UNION ALL
                       SELECT %1$s FROM transactions t
                       WHERE t.wallet_id = :walletId AND t.kind = 'ROLLBACK' AND t.outcome <> 'REJECTED'
                         AND t.original_reference = ANY(:references) AND t.reference <> ALL(:references)) e
            ON true""".formatted(StoredTransactions.COLUMNS);

    private static final String STORED_SEQUENCES =
            "SELECT wallet_id, last_sequence FROM wallets WHERE wallet_id = ANY(:walletIds)";

    /**
     * PostgreSQL's estimate of the table's rows, kept by autovacuum, instead of counting them: the
     * filter is only sized by it, and an estimate that is low raises its false-positive rate (more
     * queries), never a wrong answer. -1 means never estimated.
     */
    private static final String ROW_ESTIMATE =
            "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'transactions'::regclass";

    /** What each stored row puts in the filter, as {@link #forgetting} puts a forgotten entry's. */
    private static final String KEYS = """
            SELECT wallet_id, reference,
                   CASE WHEN kind = 'ROLLBACK' AND outcome <> 'REJECTED' THEN original_reference END
                       AS settled_original,
                   CASE WHEN outcome = 'APPLIED' THEN round_id END AS counted_round
            FROM transactions
            WHERE reference IS NOT NULL""";

    private static final byte REFERENCE_KEY = 'r';
    private static final byte ROUND_KEY = 'o';

    /** A wallet's reference or round: the wallet length-prefixed, then the kind of name, then the name. */
    private static final Funnel<WalletKey> FUNNEL = (key, into) -> into
            .putInt(key.walletId().length()).putUnencodedChars(key.walletId())
            .putByte(key.kind())
            .putUnencodedChars(key.name());

    private final Jdbi jdbi;
    private final Jdbi indexing;
    private volatile BloomFilter<WalletKey> filter;
    private volatile boolean indexed;

    /**
     * Creates the store; recalls query PostgreSQL until {@link #index()} has run.
     *
     * @param jdbi the wallet database, migrated, for recalls: give it short timeouts, since a
     *     request waits for its recall
     * @param indexing the same database, for {@link #index()}'s reading of the whole table
     */
    public JdbiStoredChanges(Jdbi jdbi, Jdbi indexing) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.indexing = Objects.requireNonNull(indexing, "indexing");
    }

    /**
     * Creates the store over one pool for recalls and indexing alike.
     *
     * @param jdbi the wallet database, migrated
     */
    public JdbiStoredChanges(Jdbi jdbi) {
        this(jdbi, jdbi);
    }

    /**
     * Reads every stored reference and counted round into the filter; recalls use it from then on.
     * Call once, after the writer has loaded its wallets, on a thread of its own: it reads the whole
     * table.
     *
     * @throws RuntimeException if PostgreSQL cannot be read; the caller may call it again
     */
    public void index() {
        long startedNanos = System.nanoTime();
        long stored = indexing.withHandle(handle -> handle.createQuery(ROW_ESTIMATE).mapTo(Long.class).one());
        if (filter == null) {
            // Set before the table is read: an entry forgotten from now on is put straight in, and
            // one forgotten before was stored before, so the read below finds it.
            filter = BloomFilter.create(FUNNEL, Math.max(MIN_CAPACITY, 2 * stored), FALSE_POSITIVE_PERCENT / 100.0);
        }
        BloomFilter<WalletKey> filling = filter;
        LongAdder rows = new LongAdder();
        indexing.useHandle(handle -> {
            handle.setReadOnly(true);
            // In a transaction, so that the driver streams the rows instead of reading them all.
            handle.useTransaction(transaction -> transaction.createQuery(KEYS)
                    .setFetchSize(INDEX_FETCH_SIZE)
                    .map((row, context) -> {
                        String walletId = row.getString("wallet_id");
                        filling.put(WalletKey.reference(walletId, row.getString("reference")));
                        String original = row.getString("settled_original");
                        if (original != null) {
                            filling.put(WalletKey.reference(walletId, original));
                        }
                        String round = row.getString("counted_round");
                        if (round != null) {
                            filling.put(WalletKey.round(walletId, round));
                        }
                        return walletId;
                    })
                    .forEach(walletId -> rows.increment()));
        });
        indexed = true;
        LOG.log(Level.INFO, "indexed the references and rounds of {0} stored rows in {1} ms; new ones now cost no "
                + "query", rows.sum(), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }

    /** {@return whether {@link #index()} has completed} */
    public boolean indexed() {
        return indexed;
    }

    @Override
    public Recalled recall(WalletId wallet, Recall recall) {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(recall, "recall");
        BloomFilter<WalletKey> known = indexed ? filter : null;
        List<String> references = recall.references().stream()
                .map(Reference::value)
                .filter(reference -> known == null
                        || known.mightContain(WalletKey.reference(wallet.value(), reference)))
                .toList();
        Optional<RoundId> round = recall.round()
                .filter(id -> known == null || known.mightContain(WalletKey.round(wallet.value(), id.value())));
        Optional<RoundSummary> noLegs = recall.round().map(id -> RoundSummary.none(id, recall.roundThrough()));
        if (references.isEmpty() && round.isEmpty()) {
            // Every reference and round forgotten up to forgottenThrough was put in before the writer asked.
            return new Recalled(recall, recall.forgottenThrough(), List.of(), noLegs);
        }
        List<RecallRow> rows = jdbi.withHandle(handle -> handle.createQuery(RECALL)
                .bind("walletId", wallet.value())
                .bindByType("roundId", round.map(RoundId::value).orElse(null), String.class)
                .bind("roundThrough", recall.roundThrough())
                .bindArray("references", String.class, references)
                .map((row, context) -> RecallRow.read(row))
                .list());
        RecallRow first = rows.get(0);
        List<LedgerEntry> entries = rows.stream()
                .flatMap(row -> row.entry().stream())
                .map(TransactionMapping::entry)
                .toList();
        Optional<RoundSummary> summary = round.isEmpty() ? noLegs
                : round.map(id -> new RoundSummary(id, recall.roundThrough(), first.standingBets(),
                        first.standingWins(), first.closed(), first.lastLeg()));
        return new Recalled(recall, first.storedThrough(), entries, summary);
    }

    @Override
    public Map<WalletId, Long> storedSequences(Collection<WalletId> wallets) {
        Map<WalletId, Long> sequences = new HashMap<>();
        List<String> ids = wallets.stream().map(WalletId::value).toList();
        for (int from = 0; from < ids.size(); from += MAX_WALLETS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_WALLETS_PER_QUERY));
            jdbi.useHandle(handle -> handle.createQuery(STORED_SEQUENCES)
                    .bindArray("walletIds", String.class, chunk)
                    .map((row, context) -> Map.entry(WalletId.of(row.getString("wallet_id")), row.getLong("last_sequence")))
                    .forEach(entry -> sequences.put(entry.getKey(), entry.getValue())));
        }
        return sequences;
    }

    @Override
    public void forgetting(WalletId wallet, Collection<LedgerEntry> entries) {
        BloomFilter<WalletKey> current = filter;
        if (current == null) {
            return;
        }
        for (LedgerEntry entry : entries) {
            entry.settledReferences()
                    .forEach(reference -> current.put(WalletKey.reference(wallet.value(), reference.value())));
            entry.event().roundChanged().ifPresent(round -> current.put(WalletKey.round(wallet.value(), round.value())));
        }
    }

    /** {@return the filter's own estimate of the keys (references and rounds) it holds, empty before indexing} */
    public Optional<Long> indexedKeys() {
        BloomFilter<WalletKey> current = filter;
        return current == null ? Optional.empty() : Optional.of(current.approximateElementCount());
    }

    /** A key of the filter: a wallet's reference, or a wallet's round. */
    private record WalletKey(String walletId, byte kind, String name) {

        static WalletKey reference(String walletId, String reference) {
            return new WalletKey(walletId, REFERENCE_KEY, reference);
        }

        static WalletKey round(String walletId, String round) {
            return new WalletKey(walletId, ROUND_KEY, round);
        }
    }

    /** One row of {@link #RECALL}: the wallet's sequence and the round's counts, and an entry or none. */
    private record RecallRow(long storedThrough, int standingBets, int standingWins, boolean closed, long lastLeg,
            Optional<TransactionRow> entry) {

        static RecallRow read(ResultSet row) throws SQLException {
            Optional<TransactionRow> entry = row.getObject("event_id") == null ? Optional.empty()
                    : Optional.of(StoredTransactions.read(row));
            return new RecallRow(row.getLong("stored_through"), row.getInt("standing_bets"),
                    row.getInt("standing_wins"), row.getBoolean("closed"), row.getLong("last_leg"), entry);
        }
    }
}

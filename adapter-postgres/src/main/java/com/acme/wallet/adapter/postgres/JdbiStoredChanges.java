package com.acme.wallet.adapter.postgres;

import com.acme.wallet.application.port.out.StoredChangesPort;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Recall;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RoundSummary;
import com.acme.wallet.domain.WalletId;
import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;

/**
 * Answers the writer from PostgreSQL for the changes it no longer holds in memory, with a Bloom
 * filter in front of the lookup so that a new reference (the common case) costs no query.
 *
 * <h2>The filter</h2>
 * It holds every reference stored when {@link #index()} read the table, plus every reference the
 * writer forgot since: together, every reference the writer may ask about. Until the index is read
 * every lookup queries PostgreSQL. "Not in the filter" is certain, so it answers "not stored"
 * without a query; "maybe" (about {@value #FALSE_POSITIVE_PERCENT}% of new references, more once
 * the filter holds more than it was sized for) costs one indexed query. The filter is sized at
 * twice the stored references, at least {@value #MIN_CAPACITY}, about 1.2 bytes per reference.
 *
 * <h2>A store behind the writer</h2>
 * A lookup's answer states the wallet's last stored sequence in the same snapshot, so that a
 * database restored from an older copy answers "covers less than you forgot" rather than "not
 * stored", and the writer answers "retry later".
 */
public final class JdbiStoredChanges implements StoredChangesPort {

    private static final System.Logger LOG = System.getLogger(JdbiStoredChanges.class.getName());

    /** The false-positive rate the filter is sized for, in percent. */
    public static final int FALSE_POSITIVE_PERCENT = 1;

    /** The fewest references the filter is sized for. */
    public static final long MIN_CAPACITY = 1_000_000;

    /** The most wallets asked about in one query; more are asked in several. */
    static final int MAX_WALLETS_PER_QUERY = 1_000;

    private static final int INDEX_FETCH_SIZE = 10_000;

    private static final String STORED_SEQUENCE = "SELECT last_sequence FROM wallets WHERE wallet_id = :walletId";

    private static final String FIND = """
            SELECT event_id, kind, reference, amount_cents, sequence, balance_after_cents, occurred_at
            FROM transactions
            WHERE wallet_id = :walletId AND reference = ANY(:references)""";

    private static final String STORED_SEQUENCES =
            "SELECT wallet_id, last_sequence FROM wallets WHERE wallet_id = ANY(:walletIds)";

    /**
     * PostgreSQL's estimate of the table's rows, kept by autovacuum, instead of counting them: the
     * filter is only sized by it, and an estimate that is low raises its false-positive rate (more
     * queries), never a wrong answer. -1 means never estimated.
     */
    private static final String REFERENCE_ESTIMATE =
            "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'transactions'::regclass";

    private static final String REFERENCES = "SELECT wallet_id, reference FROM transactions WHERE reference IS NOT NULL";

    /** A wallet's reference, length-prefixed so that no two pairs hash the same bytes. */
    private static final Funnel<WalletReference> FUNNEL = (pair, into) -> into
            .putInt(pair.walletId().length()).putUnencodedChars(pair.walletId())
            .putUnencodedChars(pair.reference());

    private final Jdbi jdbi;
    private final Jdbi indexing;
    private volatile BloomFilter<WalletReference> filter;
    private volatile boolean indexed;

    /**
     * Creates the store; lookups query PostgreSQL until {@link #index()} has run.
     *
     * @param jdbi the wallet database, migrated, for lookups: give it short timeouts, since a
     *     request waits for its lookup
     * @param indexing the same database, for {@link #index()}'s reading of the whole table
     */
    public JdbiStoredChanges(Jdbi jdbi, Jdbi indexing) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.indexing = Objects.requireNonNull(indexing, "indexing");
    }

    /**
     * Creates the store over one pool for lookups and indexing alike.
     *
     * @param jdbi the wallet database, migrated
     */
    public JdbiStoredChanges(Jdbi jdbi) {
        this(jdbi, jdbi);
    }

    /**
     * Reads every stored reference into the filter; lookups use it from then on. Call once, after
     * the writer has loaded its wallets, on a thread of its own: it reads the whole table.
     *
     * @throws RuntimeException if PostgreSQL cannot be read; the caller may call it again
     */
    public void index() {
        long startedNanos = System.nanoTime();
        long stored = indexing.withHandle(handle -> handle.createQuery(REFERENCE_ESTIMATE).mapTo(Long.class).one());
        if (filter == null) {
            // Set before the table is read: a reference forgotten from now on is put straight in,
            // and one forgotten before was stored before, so the read below finds it.
            filter = BloomFilter.create(FUNNEL, Math.max(MIN_CAPACITY, 2 * stored), FALSE_POSITIVE_PERCENT / 100.0);
        }
        BloomFilter<WalletReference> filling = filter;
        LongAdder read = new LongAdder();
        indexing.useHandle(handle -> {
            handle.setReadOnly(true);
            // In a transaction, so that the driver streams the rows instead of reading them all.
            handle.useTransaction(transaction -> transaction.createQuery(REFERENCES)
                    .setFetchSize(INDEX_FETCH_SIZE)
                    .map((row, context) -> new WalletReference(row.getString("wallet_id"), row.getString("reference")))
                    .forEach(pair -> {
                        filling.put(pair);
                        read.increment();
                    }));
        });
        indexed = true;
        LOG.log(Level.INFO, "indexed {0} stored references in {1} ms; new references now cost no query", read.sum(),
                Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
    }

    /** {@return whether {@link #index()} has completed} */
    public boolean indexed() {
        return indexed;
    }

    @Override
    public Recalled recall(WalletId wallet, Recall recall) {
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(recall, "recall");
        List<String> references = recall.references().stream()
                .filter(reference -> !indexed || filter.mightContain(new WalletReference(wallet.value(), reference.value())))
                .map(Reference::value)
                .toList();
        if (references.isEmpty() && recall.round().isEmpty()) {
            // Every reference forgotten up to forgottenThrough was put in before the writer asked.
            return new Recalled(recall, recall.forgottenThrough(), List.of(), Optional.empty());
        }
        return jdbi.withHandle(handle -> {
            // Read before the entries, so that the entries are at least as fresh as the coverage
            // claimed: an answer may find more than it claims, never claim more than it looked at.
            long storedThrough = handle.createQuery(STORED_SEQUENCE).bind("walletId", wallet.value())
                    .mapTo(Long.class).findOne().orElse(0L);
            List<LedgerEntry> entries = references.isEmpty() ? List.of() : handle.createQuery(FIND)
                    .bind("walletId", wallet.value())
                    .bindArray("references", String.class, references)
                    .map((row, context) -> new LedgerEntry(new FundsChanged(row.getObject("event_id", UUID.class), wallet,
                            row.getLong("sequence"), TransactionKind.valueOf(row.getString("kind")).operation(),
                            Amount.positive(row.getLong("amount_cents")), Reference.of(row.getString("reference")),
                            row.getObject("occurred_at", OffsetDateTime.class).toInstant()),
                            row.getLong("balance_after_cents")))
                    .list();
            // Only funds changes are stored until the betting migration: no round has a stored leg.
            return new Recalled(recall, storedThrough, entries,
                    recall.round().map(round -> RoundSummary.none(round, recall.roundThrough())));
        });
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
        BloomFilter<WalletReference> current = filter;
        if (current != null) {
            entries.forEach(entry -> entry.settledReferences()
                    .forEach(reference -> current.put(new WalletReference(wallet.value(), reference.value()))));
        }
    }

    /** {@return the filter's own estimate of the references it holds, empty before indexing} */
    public Optional<Long> indexedReferences() {
        BloomFilter<WalletReference> current = filter;
        return current == null ? Optional.empty() : Optional.of(current.approximateElementCount());
    }

    private record WalletReference(String walletId, String reference) {}
}

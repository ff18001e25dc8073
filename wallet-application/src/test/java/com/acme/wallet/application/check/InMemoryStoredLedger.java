package com.acme.wallet.application.check;

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
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The stored ledger as two tables in memory, wallets and transactions, answering the checker's
 * questions by the same rules as the PostgreSQL queries. Events are persisted as the batch
 * consumer would; the {@code corrupt…} methods then break a rule on purpose, as a faulty writer
 * or an operator's hand could.
 *
 * <p>The questions about bets, wins, rollbacks and refusals answer only what a test
 * {@link #plant}s: their rules live in SQL and are tested against real PostgreSQL (adapter-postgres's
 * {@code JdbiLedgerQueriesBettingIT}); a second copy of them here would test only itself. What
 * matters here is how the check reports each finding.
 */
final class InMemoryStoredLedger implements AuditStoredLedgerPort, FindStoredEventPlacesPort, ReadStoredBalancesPort {

    /** One row of the transactions table; the amount is signed, an opening counts as an addition. */
    record Transaction(UUID eventId, WalletId walletId, long sequence, long signedCents, String reference,
            long balanceAfterCents) {}

    private static final class WalletRow {
        long balanceCents;
        long lastSequence;
    }

    private final TreeMap<String, WalletRow> wallets = new TreeMap<>();
    private final List<Transaction> transactions = new ArrayList<>();
    private final List<Object> plantedFindings = new ArrayList<>();
    private RuntimeException failure;

    /** Persists events as the batch consumer does: the wallet row follows each transaction. */
    synchronized void persist(List<WalletEvent> events) {
        events.forEach(this::persist);
    }

    synchronized void persist(WalletEvent event) {
        if (event instanceof WalletOpened opened) {
            WalletRow row = new WalletRow();
            wallets.put(opened.walletId().value(), row);
            apply(row, event, opened.amount().cents(), null);
        } else if (event instanceof FundsChanged changed) {
            long cents = changed.amount().cents();
            apply(wallets.get(changed.walletId().value()),
                    event, changed.operation() == FundsOperation.ADD ? cents : -cents, changed.reference().value());
        }
    }

    private void apply(WalletRow row, WalletEvent event, long signedCents, String reference) {
        row.balanceCents += signedCents;
        row.lastSequence = event.sequence();
        transactions.add(new Transaction(event.eventId(), event.walletId(), event.sequence(), signedCents, reference,
                row.balanceCents));
    }

    /** Sets a wallet's stored balance, leaving its transactions as they are. */
    synchronized void corruptBalance(String walletId, long balanceCents) {
        wallets.get(walletId).balanceCents = balanceCents;
    }

    /** Sets a wallet's stored last sequence, leaving its transactions as they are. */
    synchronized void corruptLastSequence(String walletId, long lastSequence) {
        wallets.get(walletId).lastSequence = lastSequence;
    }

    /** Sets one transaction's stored balance after. */
    synchronized void corruptBalanceAfter(String walletId, long sequence, long balanceAfterCents) {
        Transaction old = transactionAt(walletId, sequence);
        transactions.set(transactions.indexOf(old), new Transaction(old.eventId(), old.walletId(), old.sequence(),
                old.signedCents(), old.reference(), balanceAfterCents));
    }

    /** Deletes one transaction, leaving its wallet row as it is. */
    synchronized void corruptByDeleting(String walletId, long sequence) {
        transactions.remove(transactionAt(walletId, sequence));
    }

    /** Stores a transaction as given, without touching any wallet row. */
    synchronized void corruptByInserting(Transaction transaction) {
        transactions.add(Objects.requireNonNull(transaction, "transaction"));
    }

    /** Makes the question whose answers are of the finding's type answer it too. */
    synchronized void plant(Object finding) {
        plantedFindings.add(Objects.requireNonNull(finding, "finding"));
    }

    /** From now on every question fails, as a PostgreSQL that went away would. */
    synchronized void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    synchronized Transaction transactionAt(String walletId, long sequence) {
        return transactions.stream()
                .filter(row -> row.walletId().value().equals(walletId) && row.sequence() == sequence)
                .findFirst().orElseThrow();
    }

    @Override
    public synchronized long transactionCount() {
        answerable();
        return transactions.size();
    }

    @Override
    public synchronized List<BalanceDisagreement> balancesDisagreeingWithTransactions(int limit) {
        answerable(limit);
        List<BalanceDisagreement> found = new ArrayList<>();
        wallets.forEach((id, row) -> {
            long sum = transactionsOf(id).stream().mapToLong(Transaction::signedCents).sum();
            if (sum != row.balanceCents) {
                found.add(new BalanceDisagreement(WalletId.of(id), row.balanceCents, sum));
            }
        });
        return limited(found, limit);
    }

    @Override
    public synchronized List<StoredBalance> negativeBalances(int limit) {
        answerable(limit);
        List<StoredBalance> found = new ArrayList<>();
        wallets.forEach((id, row) -> {
            if (row.balanceCents < 0) {
                found.add(new StoredBalance(WalletId.of(id), row.balanceCents));
            }
        });
        return limited(found, limit);
    }

    @Override
    public synchronized List<SequenceDisagreement> sequencesDisagreeing(int limit) {
        answerable(limit);
        List<SequenceDisagreement> found = new ArrayList<>();
        wallets.forEach((id, row) -> {
            List<Transaction> own = transactionsOf(id);
            long maxSequence = own.stream().mapToLong(Transaction::sequence).max().orElse(0);
            if (maxSequence != row.lastSequence) {
                found.add(new SequenceDisagreement(WalletId.of(id), row.lastSequence, maxSequence, own.size()));
            }
        });
        return limited(found, limit);
    }

    @Override
    public synchronized List<RunningSumDisagreement> runningSumsDisagreeing(int limit) {
        answerable(limit);
        List<RunningSumDisagreement> found = new ArrayList<>();
        for (String id : wallets.keySet()) {
            long runningSum = 0;
            for (Transaction row : transactionsOf(id)) {
                runningSum += row.signedCents();
                if (runningSum != row.balanceAfterCents()) {
                    found.add(new RunningSumDisagreement(row.walletId(), row.sequence(), row.reference(),
                            row.balanceAfterCents(), runningSum));
                }
            }
        }
        return limited(found, limit);
    }

    @Override
    public synchronized List<RepeatedReference> repeatedReferences(int limit) {
        answerable(limit);
        Map<List<String>, Long> counts = transactions.stream().filter(row -> row.reference() != null)
                .collect(Collectors.groupingBy(row -> List.of(row.walletId().value(), row.reference()),
                        LinkedHashMap::new, Collectors.counting()));
        List<RepeatedReference> found = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                found.add(new RepeatedReference(WalletId.of(key.get(0)), key.get(1), count));
            }
        });
        return limited(found, limit);
    }

    @Override
    public synchronized List<RepeatedEventId> repeatedEventIds(int limit) {
        answerable(limit);
        Map<UUID, Long> counts = transactions.stream()
                .collect(Collectors.groupingBy(Transaction::eventId, TreeMap::new, Collectors.counting()));
        List<RepeatedEventId> found = new ArrayList<>();
        counts.forEach((eventId, count) -> {
            if (count > 1) {
                found.add(new RepeatedEventId(eventId, count));
            }
        });
        return limited(found, limit);
    }

    @Override
    public synchronized List<TombstonedReferenceStored> tombstonedReferencesStored(int limit) {
        return planted(TombstonedReferenceStored.class, limit);
    }

    @Override
    public synchronized List<RepeatedRollback> repeatedRollbacks(int limit) {
        return planted(RepeatedRollback.class, limit);
    }

    @Override
    public synchronized List<UnmatchedRollback> unmatchedRollbacks(int limit) {
        return planted(UnmatchedRollback.class, limit);
    }

    @Override
    public synchronized List<RoundRuleBroken> roundRulesBroken(int limit) {
        return planted(RoundRuleBroken.class, limit);
    }

    @Override
    public synchronized List<RefusalDisagreement> refusalsDisagreeing(int limit) {
        return planted(RefusalDisagreement.class, limit);
    }

    private <T> List<T> planted(Class<T> type, int limit) {
        answerable(limit);
        return limited(plantedFindings.stream().filter(type::isInstance).map(type::cast).toList(), limit);
    }

    @Override
    public synchronized List<StoredEventPlace> storedPlacesOf(List<StoredEventPlace> places) {
        answerable();
        if (places.size() > MAX_PLACES_PER_LOOKUP) {
            throw new IllegalArgumentException("too many places: " + places.size());
        }
        Set<UUID> eventIds = places.stream().map(StoredEventPlace::eventId).collect(Collectors.toSet());
        Set<List<Object>> atPlaces = places.stream().map(place -> List.<Object>of(place.walletId(), place.sequence()))
                .collect(Collectors.toSet());
        Set<StoredEventPlace> found = new HashSet<>();
        for (Transaction row : transactions) {
            if (eventIds.contains(row.eventId()) || atPlaces.contains(List.<Object>of(row.walletId(), row.sequence()))) {
                found.add(new StoredEventPlace(row.eventId(), row.walletId(), row.sequence()));
            }
        }
        return List.copyOf(found);
    }

    @Override
    public synchronized List<StoredBalance> balancesAfter(String afterWalletId, int pageSize) {
        answerable();
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE_SIZE);
        }
        return wallets.tailMap(afterWalletId, false).entrySet().stream().limit(pageSize)
                .map(entry -> new StoredBalance(WalletId.of(entry.getKey()), entry.getValue().balanceCents))
                .toList();
    }

    @Override
    public synchronized OptionalLong walletBalance(WalletId id) {
        answerable();
        WalletRow row = wallets.get(id.value());
        return row == null ? OptionalLong.empty() : OptionalLong.of(row.balanceCents);
    }

    private List<Transaction> transactionsOf(String walletId) {
        return transactions.stream().filter(row -> row.walletId().value().equals(walletId))
                .sorted(Comparator.comparingLong(Transaction::sequence)).toList();
    }

    private void answerable(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        answerable();
    }

    private void answerable() {
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> List<T> limited(List<T> found, int limit) {
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }
}

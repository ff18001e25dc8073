package com.acme.wallet.application.check;

import com.acme.wallet.application.check.CheckReport.Kind;
import com.acme.wallet.application.port.out.AuditStoredLedgerPort;
import com.acme.wallet.application.port.out.FindStoredEventPlacesPort;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.ReadServedBalancesPort;
import com.acme.wallet.application.port.out.ReadStoredBalancesPort;
import com.acme.wallet.application.port.out.StoredBalance;
import com.acme.wallet.application.port.out.StoredEventPlace;
import com.acme.wallet.application.port.out.UnmatchedRollback;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The money-conservation check: the topic against PostgreSQL (once the consumer has caught up),
 * PostgreSQL against itself, and the REST API against PostgreSQL.
 *
 * <p>It only reads. Its answer is definitive when no change is made while it runs; under traffic,
 * the REST API may show a change that PostgreSQL does not hold yet (each disagreement is asked a
 * second time before it is reported, which hides most of those races but not all).
 *
 * <p>It works through ports only: the stored ledger ({@link AuditStoredLedgerPort},
 * {@link FindStoredEventPlacesPort}, {@link ReadStoredBalancesPort}), the event log
 * ({@link ReadEventLogPort}) and, optionally, the balances the REST API serves
 * ({@link ReadServedBalancesPort}).
 */
public final class ConservationCheck {

    /**
     * The check's limits.
     *
     * @param listedPerKindMax the most violations of one kind listed line by line
     * @param lookupBatchEvents how many topic events are looked up in PostgreSQL in one statement
     * @param catchUpTimeout the longest wait for every topic event to be in PostgreSQL
     * @param catchUpPause the pause between two reads of the topic while waiting
     */
    public record Settings(int listedPerKindMax, int lookupBatchEvents, Duration catchUpTimeout, Duration catchUpPause) {

        /** Validates the settings. */
        public Settings {
            if (listedPerKindMax < 1 || listedPerKindMax > QUERY_LIMIT) {
                throw new IllegalArgumentException("violations listed per kind must be 1 to " + QUERY_LIMIT);
            }
            if (lookupBatchEvents < 1 || lookupBatchEvents > FindStoredEventPlacesPort.MAX_PLACES_PER_LOOKUP) {
                throw new IllegalArgumentException("lookup batch must be 1 to "
                        + FindStoredEventPlacesPort.MAX_PLACES_PER_LOOKUP + " events");
            }
            if (catchUpTimeout.isNegative() || catchUpPause.isNegative() || catchUpPause.isZero()) {
                throw new IllegalArgumentException("catch-up timeout must not be negative, the pause positive");
            }
        }
    }

    /** The most violations of one kind counted from PostgreSQL; the summary's counts are exact up to it. */
    public static final int QUERY_LIMIT = 10_000;

    private static final int WALLET_PAGE_SIZE = 1_000;

    private final AuditStoredLedgerPort audit;
    private final FindStoredEventPlacesPort storedPlaces;
    private final ReadStoredBalancesPort storedBalances;
    private final ReadEventLogPort log;
    private final Optional<ReadServedBalancesPort> api;
    private final Settings settings;

    /**
     * Creates the check.
     *
     * @param audit the stored ledger's rules
     * @param storedPlaces where the log's events are stored
     * @param storedBalances the stored balances, walked page by page
     * @param log the event log, read from its beginning to its end
     * @param api the balances the REST API serves, or empty not to compare them
     * @param settings the check's limits
     */
    public ConservationCheck(AuditStoredLedgerPort audit, FindStoredEventPlacesPort storedPlaces,
            ReadStoredBalancesPort storedBalances, ReadEventLogPort log, Optional<ReadServedBalancesPort> api,
            Settings settings) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.storedPlaces = Objects.requireNonNull(storedPlaces, "storedPlaces");
        this.storedBalances = Objects.requireNonNull(storedBalances, "storedBalances");
        this.log = Objects.requireNonNull(log, "log");
        this.api = Objects.requireNonNull(api, "api");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs every check.
     *
     * @return what was found, or why nothing could be concluded
     */
    public CheckOutcome run() {
        CheckReport report;
        try {
            report = topicOnceCaughtUp();
            checkPostgres(report);
            checkWallets(report);
        } catch (RuntimeException unanswered) {
            // A money rule is never broken by an exception here: rules broken are reported as
            // violations, so whatever throws is a service that failed to answer.
            return new CheckOutcome.Inconclusive(unanswered);
        }
        return report.holds() ? new CheckOutcome.Holds(report) : new CheckOutcome.Violated(report);
    }

    /**
     * Reads the whole topic and compares it with PostgreSQL, again and again while events are
     * missing or PostgreSQL changed during the comparison, until neither is so or the catch-up
     * timeout passes; the last comparison is the report's.
     */
    private CheckReport topicOnceCaughtUp() {
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        while (true) {
            CheckReport report = new CheckReport(settings.listedPerKindMax());
            // Counted before the read starts: every transaction counted was persisted from an event
            // that was in the topic before this read's end was fixed, so the read must find it.
            long storedBeforeRead = audit.transactionCount();
            TopicEventComparison comparison = compareTopic(report);
            // Counted again after the comparison: the consumer may have persisted the very events
            // compared meanwhile (a count of 0 beside 8 events found stored was reported once). The
            // figure reported is this one, what PostgreSQL held when it was compared with the topic.
            long storedAfterRead = audit.transactionCount();
            boolean caughtUp = comparison.missingEvents() == 0;
            // Only a comparison during which PostgreSQL did not change is final, so that the figures
            // agree with each other and the rule on transactions without an event sees them all.
            boolean settled = storedAfterRead == storedBeforeRead;
            if ((caughtUp && settled) || System.nanoTime() - deadline >= 0) {
                report.figure("topic_events", comparison.comparedEvents());
                report.figure("transactions", storedAfterRead);
                report.figure("caught_up", caughtUp ? 1 : 0);
                if (storedBeforeRead > comparison.distinctFoundEvents()) {
                    report.violation(Kind.STORED_WITHOUT_EVENT_IN_TOPIC, "postgres_transactions=" + storedBeforeRead
                            + " topic_events_found_stored=" + comparison.distinctFoundEvents());
                }
                return report;
            }
            pause(settings.catchUpPause());
        }
    }

    private TopicEventComparison compareTopic(CheckReport report) {
        TopicEventComparison comparison = new TopicEventComparison(report);
        List<StoredEventPlace> chunk = new ArrayList<>(settings.lookupBatchEvents());
        try {
            log.readAfter(LogPositions.none(), logged -> {
                WalletEvent event = logged.event();
                chunk.add(new StoredEventPlace(event.eventId(), event.walletId(), event.sequence()));
                if (chunk.size() == settings.lookupBatchEvents()) {
                    comparison.compare(chunk, storedPlaces.storedPlacesOf(chunk));
                    chunk.clear();
                }
            });
        } catch (UnreadableEventException unreadable) {
            report.violation(Kind.UNREADABLE_EVENT_IN_TOPIC, "after_events=" + (comparison.comparedEvents()
                    + chunk.size()) + " reason=\"" + unreadable.getMessage() + "\"");
        }
        comparison.compare(chunk, storedPlaces.storedPlacesOf(chunk));
        return comparison;
    }

    private void checkPostgres(CheckReport report) {
        audit.balancesDisagreeingWithTransactions(QUERY_LIMIT).forEach(wrong -> report.violation(
                Kind.BALANCE_NOT_SUM_OF_TRANSACTIONS, "wallet=" + wrong.walletId().value() + " balance_cents="
                        + wrong.balanceCents() + " transactions_sum_cents=" + wrong.transactionSumCents()));
        audit.negativeBalances(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.NEGATIVE_BALANCE,
                "wallet=" + wrong.walletId().value() + " balance_cents=" + wrong.balanceCents()));
        audit.sequencesDisagreeing(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.SEQUENCE_DISAGREEMENT,
                "wallet=" + wrong.walletId().value() + " last_sequence=" + wrong.lastSequence() + " max_sequence="
                        + wrong.maxSequence() + " transactions=" + wrong.transactionCount()));
        audit.runningSumsDisagreeing(QUERY_LIMIT).forEach(wrong -> report.violation(
                Kind.BALANCE_AFTER_NOT_RUNNING_SUM, "wallet=" + wrong.walletId().value() + " sequence="
                        + wrong.sequence() + " reference=" + quoted(wrong.reference()) + " balance_after_cents="
                        + wrong.balanceAfterCents() + " running_sum_cents=" + wrong.runningSumCents()));
        audit.repeatedReferences(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.REFERENCE_APPLIED_TWICE,
                "wallet=" + wrong.walletId().value() + " reference=" + quoted(wrong.reference()) + " transactions="
                        + wrong.count()));
        checkBetting(report);
        audit.repeatedEventIds(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.EVENT_STORED_TWICE,
                "event_id=" + wrong.eventId() + " transactions=" + wrong.count()));
    }

    /** The rules of bets, wins, rollbacks, tombstones and refusals. */
    private void checkBetting(CheckReport report) {
        audit.tombstonedReferencesStored(QUERY_LIMIT).forEach(wrong -> report.violation(
                Kind.TOMBSTONED_REFERENCE_STORED, "wallet=" + wrong.walletId().value() + " reference="
                        + quoted(wrong.reference()) + " tombstone=" + quoted(wrong.tombstoneReference())
                        + " tombstone_sequence=" + wrong.tombstoneSequence() + " stored_sequence="
                        + wrong.storedSequence() + " stored=" + wrong.storedKind() + "/" + wrong.storedOutcome()));
        audit.repeatedRollbacks(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.ROLLED_BACK_TWICE,
                "wallet=" + wrong.walletId().value() + " original=" + quoted(wrong.originalReference())
                        + " rollbacks=" + wrong.count()));
        audit.unmatchedRollbacks(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.ROLLBACK_UNMATCHED,
                "wallet=" + wrong.walletId().value() + " sequence=" + wrong.sequence() + " reference="
                        + quoted(wrong.reference()) + " effect=" + wrong.effect() + " round=" + quoted(wrong.roundId())
                        + " amount_cents=" + wrong.amountCents() + " original=" + quoted(wrong.originalReference())
                        + " " + described(wrong.original())));
        audit.roundRulesBroken(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.ROUND_RULE_BROKEN,
                "wallet=" + wrong.walletId().value() + " round=" + quoted(wrong.roundId()) + " sequence="
                        + wrong.sequence() + " reference=" + quoted(wrong.reference()) + " rule="
                        + wrong.rule().label() + " standing_bets=" + wrong.standingBets() + " standing_wins="
                        + wrong.standingWins() + " staked_cents=" + wrong.stakedCents() + " won_cents="
                        + wrong.wonCents()));
        audit.refusalsDisagreeing(QUERY_LIMIT).forEach(wrong -> report.violation(Kind.REFUSAL_DISAGREEMENT,
                "wallet=" + wrong.walletId().value() + " sequence=" + wrong.sequence() + " reference="
                        + quoted(wrong.reference()) + " row=" + wrong.kind() + "/" + wrong.outcome() + " code="
                        + (wrong.refusalCode() == null ? "-" : wrong.refusalCode()) + " amount_cents="
                        + wrong.amountCents() + " delta_cents=" + wrong.deltaCents() + " shown_balance_cents="
                        + (wrong.shownBalanceCents().isPresent() ? Long.toString(wrong.shownBalanceCents().getAsLong())
                                : "-")
                        + " balance_after_cents=" + wrong.balanceAfterCents()));
    }

    private static String described(Optional<UnmatchedRollback.Original> original) {
        return original.map(found -> "original_sequence=" + found.sequence() + " original_row=" + found.kind() + "/"
                + found.outcome() + " original_round=" + quoted(found.roundId()) + " original_amount_cents="
                + found.amountCents()).orElse("original_row=none");
    }

    /** Walks every stored wallet in pages, comparing each with the REST API when one was given. */
    private void checkWallets(CheckReport report) {
        long wallets = 0;
        String after = "";
        List<StoredBalance> page;
        do {
            page = storedBalances.balancesAfter(after, WALLET_PAGE_SIZE);
            for (StoredBalance stored : page) {
                api.ifPresent(rest -> compareWithApi(rest, stored, report));
                after = stored.walletId().value();
            }
            wallets += page.size();
        } while (page.size() == WALLET_PAGE_SIZE);
        report.figure("wallets", wallets);
        report.figure("api_wallets_compared", api.isPresent() ? wallets : 0);
    }

    /** Asks a second time before reporting, so that a change landing between the two reads is not blamed. */
    private void compareWithApi(ReadServedBalancesPort rest, StoredBalance stored, CheckReport report) {
        OptionalLong fromApi = rest.balanceOf(stored.walletId());
        if (fromApi.isPresent() && fromApi.getAsLong() == stored.balanceCents()) {
            return;
        }
        OptionalLong fromPostgres = storedBalances.walletBalance(stored.walletId());
        fromApi = rest.balanceOf(stored.walletId());
        if (fromApi.isPresent() && fromPostgres.isPresent() && fromApi.getAsLong() == fromPostgres.getAsLong()) {
            return;
        }
        report.violation(Kind.API_BALANCE_DISAGREES, "wallet=" + stored.walletId().value() + " api_balance_cents="
                + (fromApi.isPresent() ? Long.toString(fromApi.getAsLong()) : "not-found")
                + " postgres_balance_cents="
                + (fromPostgres.isPresent() ? Long.toString(fromPostgres.getAsLong()) : "not-found"));
    }

    private static String quoted(String text) {
        return text == null ? "-" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the consumer to catch up", interrupted);
        }
    }
}

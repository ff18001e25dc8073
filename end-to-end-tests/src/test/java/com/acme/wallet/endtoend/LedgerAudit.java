package com.acme.wallet.endtoend;

import com.acme.wallet.client.ErrorCode;
import com.acme.wallet.client.Outcome;
import com.acme.wallet.client.WalletClient;
import com.acme.wallet.endtoend.TrafficHistory.Attempt;
import com.acme.wallet.endtoend.TrafficHistory.Change;
import com.acme.wallet.endtoend.TrafficHistory.Rollback;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of every fault run: what the clients were told, held against what PostgreSQL and the
 * REST API say, after every open outcome has been resolved by a retry with the same reference.
 *
 * <ul>
 *   <li>every change acknowledged with a 2xx is in PostgreSQL exactly once, applied, with its kind,
 *       amount and effect on the balance;
 *   <li>every change refused with a recorded refusal (for money, or for its round) is there exactly
 *       once as a REJECTED row with its kind, amount and code, moving nothing, and every retry was
 *       refused in the same words; no change answered with another 4xx is there;
 *   <li>a rollback that moved money names an original acknowledged with that amount; one with
 *       nothing to roll back names an original that was refused for good ("rejected") or that never
 *       passed ("unknown", a tombstone: stored as such, and the original, if it came, was refused
 *       as rolled back, never applied); a bet or win refused as rolled back has a tombstone;
 *   <li>a change answered with a 5xx, a timeout or nothing is there at most once, and sending it
 *       again with the same reference gives a definite answer that matches PostgreSQL;
 *   <li>no change is there that no client sent;
 *   <li>every outcome the client ({@code wallet-client}) reported, from an answer or from its
 *       lookup of the reference, matches PostgreSQL;
 *   <li>every balance is the opening plus the acknowledged changes, in PostgreSQL and at the API,
 *       and the money-conservation checker passes (balances >= 0 and equal to the sum of their
 *       transactions, every topic event persisted once, API = PostgreSQL, and the rules of rounds,
 *       rollbacks and outcomes).
 * </ul>
 */
final class LedgerAudit {

    /** Calls of the client, each up to {@link RandomTraffic#TRIES} sends: about 40 sends in all. */
    static final int RESOLVE_TRIES = 14;
    static final Duration RESOLVE_PAUSE = Duration.ofMillis(250);
    /** The longest the checker may wait for the consumer to catch up after a run. */
    static final Duration CATCH_UP = Duration.ofMinutes(3);
    static final Duration CHECKER_EXIT = CATCH_UP.plusMinutes(1);
    /** The checker's status when it concluded nothing because PostgreSQL, Pulsar or the REST API did not answer. */
    private static final int CHECKER_CONCLUDED_NOTHING = 4;
    /** How often the checker is run when it concludes nothing. */
    private static final int CHECKER_RUNS = 3;
    static final int MAX_REPORTED = 50;

    private final List<String> violations = new ArrayList<>();
    private final Duration catchUp;

    private LedgerAudit(Duration catchUp) {
        this.catchUp = catchUp;
    }

    /**
     * The counts of one audit, for the run's summary.
     *
     * @param changes the requests sent, each counted once however often it was sent
     * @param acknowledged those answered with a 2xx
     * @param refused those answered with a 4xx
     * @param resolvedByRetry those the audit had to send again for a definite answer
     * @param attempts the requests sent, each sending counted
     * @param rounds what the round traffic did
     */
    record Summary(int changes, int acknowledged, int refused, int resolvedByRetry, int attempts, Rounds rounds) {}

    /**
     * What the round traffic did.
     *
     * @param bets the bets sent
     * @param wins the wins sent
     * @param rolledBack the rollbacks that gave back a stake or took back a win
     * @param tombstones the rollbacks that came before their original
     * @param lateRefused the bets and wins refused because a rollback had come first
     */
    record Rounds(int bets, int wins, int rolledBack, int tombstones, int lateRefused) {}

    /**
     * Resolves open outcomes, then checks everything.
     *
     * @param stack the stack, its consumer running
     * @param api the REST API now serving
     * @param resolver the clients' client, to send again what has no definite answer
     * @param history what the clients sent and were told; retries are added to it
     * @param openings each wallet's opening balance
     * @param violations where each violation is added, one line each
     * @param catchUp how long the checker waits for the consumer to persist the whole topic
     * @return the counts
     */
    static Summary audit(Stack stack, ApiClient api, WalletClient resolver, TrafficHistory history,
            Map<String, Long> openings, List<String> violations, Duration catchUp) {
        LedgerAudit audit = new LedgerAudit(catchUp);
        Summary summary = audit.run(stack, api, resolver, history, openings);
        violations.addAll(audit.violations);
        return summary;
    }

    private Summary run(Stack stack, ApiClient api, WalletClient resolver, TrafficHistory history,
            Map<String, Long> openings) {
        int resolved = resolveOpenOutcomes(resolver, history);
        Map<Change, List<Attempt>> changes = history.byChange();
        runChecker(stack, api);
        Map<String, List<StoredChange>> stored = storedChanges(stack);
        checkClientOutcomes(history, stored);
        Map<String, Long> expected = new HashMap<>(openings);
        Map<Change, List<Rollback>> rollbacks = new HashMap<>();
        changes.keySet().stream().filter(Rollback.class::isInstance).map(Rollback.class::cast)
                .forEach(rollback -> rollbacks.computeIfAbsent(rollback.original(), ignored -> new ArrayList<>())
                        .add(rollback));
        int acknowledged = 0;
        int refused = 0;
        int bets = 0;
        int wins = 0;
        int rolledBack = 0;
        int tombstones = 0;
        int lateRefused = 0;
        for (Map.Entry<Change, List<Attempt>> entry : changes.entrySet()) {
            Change change = entry.getKey();
            List<Attempt> attempts = entry.getValue();
            bets += change instanceof TrafficHistory.Bet ? 1 : 0;
            wins += change instanceof TrafficHistory.Win ? 1 : 0;
            Optional<Attempt> acknowledgement = attempts.stream().filter(Attempt::acknowledged).findFirst();
            List<String> refusals = attempts.stream().filter(Attempt::refused).map(Attempt::code).distinct().toList();
            List<StoredChange> rows = stored.getOrDefault(key(change.wallet(), change.reference()), List.of());
            stored.remove(key(change.wallet(), change.reference()));
            if (acknowledgement.isPresent() && !refusals.isEmpty()) {
                violate("contradictory answers for " + change + ": " + statuses(attempts));
            }
            if (refusals.size() > 1) {
                violate("refused in other words when sent again: " + change + " " + refusals);
            }
            if (rows.size() > 1) {
                violate("applied " + rows.size() + " times: " + change);
            }
            if (acknowledgement.isPresent()) {
                acknowledged++;
                Acknowledged effect = acknowledged(change, acknowledgement.get().answer(), changes);
                rolledBack += change instanceof Rollback && effect.delta() != 0 ? 1 : 0;
                tombstones += "TOMBSTONE".equals(effect.outcome()) ? 1 : 0;
                expected.merge(change.wallet(), effect.delta(), Math::addExact);
                if (rows.isEmpty()) {
                    violate("acknowledged but not in PostgreSQL: " + change + " " + statuses(attempts));
                } else if (!rows.get(0).is(change, effect.outcome(), effect.amount(), effect.delta(), null)) {
                    violate("stored differently: " + change + " as " + rows.get(0) + ", expected " + effect);
                }
            } else if (!refusals.isEmpty()) {
                refused++;
                boolean recorded = attempts.stream().anyMatch(Attempt::recordedRefusal);
                String code = refusals.get(0);
                if (recorded && rows.isEmpty()) {
                    violate("refused with " + code + " but its refusal is not in PostgreSQL: " + change + " "
                            + statuses(attempts));
                } else if (recorded && !rows.get(0).is(change, "REJECTED", change.amount(), 0, code)) {
                    violate("refused with " + code + " but stored otherwise: " + change + " as " + rows.get(0));
                } else if (!recorded && !rows.isEmpty()) {
                    violate("refused with " + code + ", which is not recorded, but in PostgreSQL: " + change + " "
                            + statuses(attempts));
                }
                if ("transaction_rolled_back".equals(code)) {
                    lateRefused++;
                    checkRolledBackBefore(change, rollbacks.getOrDefault(change, List.of()), changes);
                }
            }
        }
        stored.values().forEach(rows -> violate("in PostgreSQL but never sent: " + rows));
        compareBalances(stack, api, expected);
        return new Summary(changes.size(), acknowledged, refused, resolved, history.attempts().size(),
                new Rounds(bets, wins, rolledBack, tombstones, lateRefused));
    }

    /**
     * What an acknowledged change did, as its answer and the clients' other answers tell it.
     *
     * @param outcome the outcome PostgreSQL must hold: APPLIED, or TOMBSTONE for a rollback of an
     *     original that had not come
     * @param amount the amount PostgreSQL must hold: for a rollback, what it moved
     * @param delta how it moved the balance
     */
    private record Acknowledged(String outcome, long amount, long delta) {}

    /**
     * What an acknowledged change did. A rollback is checked against its original's answers: one
     * that moved money names an original acknowledged with the same amount; one with nothing to
     * roll back names an original refused with a recorded refusal ("rejected") or never acknowledged
     * nor refused for good ("unknown": a tombstone, which the original can never pass).
     */
    private Acknowledged acknowledged(Change change, JsonNode answer, Map<Change, List<Attempt>> changes) {
        if (change instanceof TrafficHistory.Funds funds) {
            return new Acknowledged("APPLIED", funds.amount(), funds.delta());
        }
        if (change instanceof TrafficHistory.Bet bet) {
            return new Acknowledged("APPLIED", bet.amount(), -bet.amount());
        }
        if (change instanceof TrafficHistory.Win win) {
            return new Acknowledged("APPLIED", win.amount(), win.amount());
        }
        Rollback rollback = (Rollback) change;
        List<Attempt> original = changes.getOrDefault(rollback.original(), List.of());
        boolean originalAcknowledged = original.stream().anyMatch(Attempt::acknowledged);
        boolean originalRecorded = original.stream().anyMatch(Attempt::recordedRefusal);
        if (!answer.path("tombstone").asBoolean(false)) {
            if (!originalAcknowledged || answer.path("amount").asLong(-1) != rollback.original().amount()) {
                violate("rolled back " + answer.path("amount") + " of an original not acknowledged with that amount: "
                        + rollback + " original answered " + statuses(original));
            }
            return new Acknowledged("APPLIED", rollback.original().amount(), rollback.refund());
        }
        String originalOutcome = answer.path("originalOutcome").asText();
        if ("rejected".equals(originalOutcome)) {
            if (!originalRecorded) {
                violate("a rollback found its original rejected, but it was not refused with a recorded refusal: "
                        + rollback + " original answered " + statuses(original));
            }
            return new Acknowledged("APPLIED", 0, 0);
        }
        if (!"unknown".equals(originalOutcome)) {
            violate("a rollback with nothing to roll back answered originalOutcome " + originalOutcome + ": " + rollback);
        } else if (originalAcknowledged || originalRecorded) {
            violate("a rollback found nothing to roll back (a tombstone), but its original has an outcome of its own: "
                    + rollback + " original answered " + statuses(original));
        }
        return new Acknowledged("TOMBSTONE", 0, 0);
    }

    /** Checks a bet or win refused as rolled back: one of its rollbacks was acknowledged as a tombstone. */
    private void checkRolledBackBefore(Change late, List<Rollback> rollbacks, Map<Change, List<Attempt>> changes) {
        boolean tombstone = rollbacks.stream()
                .flatMap(rollback -> changes.getOrDefault(rollback, List.of()).stream())
                .filter(Attempt::acknowledged)
                .anyMatch(attempt -> "unknown".equals(attempt.answer().path("originalOutcome").asText()));
        if (!tombstone) {
            violate("refused as rolled back, but no rollback of it was acknowledged as a tombstone: " + late);
        }
    }

    /** Sends every change without a definite answer again, as a client would, until it gets one. */
    private int resolveOpenOutcomes(WalletClient api, TrafficHistory history) {
        int resolved = 0;
        for (Map.Entry<Change, List<Attempt>> entry : history.byChange().entrySet()) {
            if (entry.getValue().stream().anyMatch(Attempt::definite)) {
                continue;
            }
            Optional<Attempt> answer = Optional.empty();
            for (int tries = 0; tries < RESOLVE_TRIES && answer.isEmpty(); tries++) {
                Optional<Attempt> definite = history.send(api, entry.getKey()).attempts().stream()
                        .filter(Attempt::definite).findFirst();
                if (definite.isPresent()) {
                    answer = definite;
                } else {
                    Stack.sleep(RESOLVE_PAUSE);
                }
            }
            if (answer.isPresent()) {
                resolved++;
            } else {
                violate("no definite answer after " + RESOLVE_TRIES + " retries: " + entry.getKey() + " "
                        + statuses(history.byChange().get(entry.getKey())));
            }
        }
        return resolved;
    }

    /**
     * Holds what the client reported of each call against PostgreSQL: a change it reported applied
     * (answered, replayed or found by its lookup) is stored once, applied; one it reported refused
     * with a recorded refusal is stored once as refused with that code; a refusal it found by its
     * lookup is one of those, or a bet or win a rollback came before (stored nowhere). A client
     * that threw instead of reporting is a violation too.
     */
    private void checkClientOutcomes(TrafficHistory history, Map<String, List<StoredChange>> stored) {
        history.clientFailures().forEach(failure -> violate("the client failed instead of reporting an outcome: "
                + failure));
        for (TrafficHistory.Sent call : history.calls()) {
            Change change = call.change();
            List<StoredChange> rows = stored.getOrDefault(key(change.wallet(), change.reference()), List.of());
            boolean storedApplied = rows.size() == 1 && !"REJECTED".equals(rows.get(0).outcome());
            if (call.outcome() instanceof Outcome.Applied applied && !storedApplied) {
                violate("the client reported " + change + " applied (" + applied.confirmation() + ") but PostgreSQL holds "
                        + rows);
            } else if (call.outcome() instanceof Outcome.Refused refused
                    && (refused.code().recorded() || refused.confirmation() == Outcome.Confirmation.LOOKED_UP)) {
                boolean rolledBackBefore = refused.code().equals(ErrorCode.TRANSACTION_ROLLED_BACK) && rows.isEmpty();
                boolean storedRefused = rows.size() == 1 && rows.get(0).is(change, "REJECTED", change.amount(), 0,
                        refused.code().value());
                if (!rolledBackBefore && !storedRefused) {
                    violate("the client reported " + change + " refused with " + refused.code() + " ("
                            + refused.confirmation() + ") but PostgreSQL holds " + rows);
                }
            }
        }
    }

    private void runChecker(Stack stack, ApiClient api) {
        for (int run = 1; ; run++) {
            try (ProgramProcess checker = stack.startChecker("--api-url", api.baseUrl(),
                    "--catch-up-timeout-seconds", Long.toString(catchUp.toSeconds()))) {
                int status = checker.awaitExit(CHECKER_EXIT);
                // 4 concluded nothing (a dependency did not answer, as a loaded machine's PostgreSQL may
                // not at once): run it again, as an operator would; 1 is a finding, never retried.
                if (status == CHECKER_CONCLUDED_NOTHING && run < CHECKER_RUNS) {
                    continue;
                }
                if (status != 0) {
                    violate("the money-conservation checker exited with " + status + " (run " + run + "):\n"
                            + checker.logTail());
                }
                return;
            }
        }
    }

    private void compareBalances(Stack stack, ApiClient api, Map<String, Long> expected) {
        Map<String, Long> stored = new HashMap<>();
        query(stack, "SELECT wallet_id, balance_cents FROM wallets", rows -> stored.put(rows.getString(1), rows.getLong(2)));
        expected.forEach((wallet, balance) -> {
            if (!balance.equals(stored.get(wallet))) {
                violate("wallet " + wallet + ": the clients' answers add up to " + balance + ", PostgreSQL holds "
                        + stored.get(wallet));
            }
            Optional<Long> served = api.balance(wallet);
            if (!served.equals(Optional.of(balance))) {
                violate("wallet " + wallet + ": the clients' answers add up to " + balance + ", the REST API says "
                        + served.map(String::valueOf).orElse("no such wallet"));
            }
        });
        stored.keySet().stream().filter(wallet -> !expected.containsKey(wallet))
                .forEach(wallet -> violate("wallet in PostgreSQL that no client opened: " + wallet));
    }

    /** A change as PostgreSQL stores it: applied, a tombstone, or a recorded refusal. */
    private record StoredChange(String wallet, String reference, String kind, long amount, long delta, long sequence,
            String outcome, String refusalCode) {

        /** {@return whether this row is the change with this outcome, amount, delta and refusal code (or none)} */
        boolean is(Change change, String expectedOutcome, long expectedAmount, long expectedDelta, String code) {
            return kind.equals(change.kind()) && outcome.equals(expectedOutcome) && amount == expectedAmount
                    && delta == expectedDelta
                    && (code == null ? refusalCode == null : code.equalsIgnoreCase(refusalCode));
        }
    }

    private static Map<String, List<StoredChange>> storedChanges(Stack stack) {
        Map<String, List<StoredChange>> stored = new HashMap<>();
        query(stack, "SELECT wallet_id, reference, kind, amount_cents, delta_cents, sequence, outcome, refusal_code"
                        + " FROM transactions WHERE kind <> 'OPEN'",
                rows -> {
                    StoredChange change = new StoredChange(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getString(7), rows.getString(8));
                    stored.computeIfAbsent(key(change.wallet(), change.reference()), ignored -> new ArrayList<>())
                            .add(change);
                });
        return stored;
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(Stack stack, String sql, RowReader reader) {
        try (Connection connection = stack.database(); PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("cannot read PostgreSQL: " + sql, failure);
        }
    }

    private static String key(String wallet, String reference) {
        return wallet + '\u0000' + reference;
    }

    private static String statuses(List<Attempt> attempts) {
        return attempts.stream().map(attempt -> Integer.toString(attempt.status())).toList().toString();
    }

    private void violate(String violation) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(violation);
        } else if (violations.size() == MAX_REPORTED) {
            violations.add("... more violations not shown");
        }
    }
}

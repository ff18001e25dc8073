package com.acme.wallet.client;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One change of money carried to a definite outcome, or to {@link Outcome.Unknown} when the
 * budget runs out: sends (the same request every time), then, if no send got a definite answer,
 * lookups of its reference.
 *
 * <p>What a lookup can show, and what it proves:
 * <ul>
 *   <li>applied, as this change (same type, amount, original): the change is applied, once;
 *   <li>rejected with a code: the change was refused for good (a recorded refusal);
 *   <li>a tombstone naming another reference: a rollback named this bet or win before it came,
 *       so it is refused ({@code transaction_rolled_back}) now and forever;
 *   <li>the reference holding another change: this one is refused ({@code reference_conflict});
 *   <li>{@code transaction_not_found}: nothing of it is in the log or being confirmed at that
 *       moment. A send that timed out may still be on its way to the service, so this is not
 *       "never": the outcome stays {@link Outcome.Unknown}. The sends before the lookup already
 *       used the budget; sending the change again later is safe.
 * </ul>
 *
 * <p>A 401 or 403 refuses the token, not the change, and is never sent again. On the first send
 * it is the outcome ({@link Outcome.Refused}: nothing was applied). After earlier sends without a
 * definite answer it says nothing of what those did, so the change is looked up like any other
 * whose sends ran out.
 */
final class ChangeResolution {

    private final WalletClient.Change change;
    private final Retrying retrying;
    private final RetryPolicy policy;
    private final Map<String, String> headers;
    private final Transport.Request lookup;

    ChangeResolution(WalletClient.Change change, Retrying retrying, RetryPolicy policy, Map<String, String> headers,
            Transport.Request lookup) {
        this.change = change;
        this.retrying = retrying;
        this.policy = policy;
        this.headers = headers;
        this.lookup = lookup;
    }

    CompletableFuture<Outcome> run() {
        return retrying.send(change.request(), headers, policy, policy.maxAttempts(), policy.maxTotalTime())
                .thenCompose(ended -> {
                    if (ended instanceof Retrying.Answered answered) {
                        Transport.Response response = answered.response();
                        Outcome.Confirmation confirmation = WalletClient.replayed(response)
                                ? Outcome.Confirmation.REPLAYED : Outcome.Confirmation.ANSWERED;
                        if (response.status() >= 200 && response.status() < 300) {
                            return CompletableFuture.completedFuture(
                                    new Outcome.Applied(WalletJson.receipt(WalletJson.read(response.body())), confirmation));
                        }
                        if (refusesTheToken(response.status()) && answered.attempts() > 1) {
                            return resolve("answered " + response.status() + " " + Retrying.abbreviated(response.body())
                                    + " after sends without a definite answer, which may have applied it",
                                    answered.attempts(), Optional.empty());
                        }
                        if (response.status() >= 400 && response.status() < 500) {
                            return CompletableFuture.completedFuture(new Outcome.Refused(
                                    WalletJson.refusal(response.status(), response.body()), confirmation));
                        }
                        return resolve("answered " + response.status() + " " + Retrying.abbreviated(response.body()),
                                answered.attempts(), Optional.empty());
                    }
                    Retrying.GaveUp gaveUp = (Retrying.GaveUp) ended;
                    return resolve(gaveUp.reason(), gaveUp.attempts(), gaveUp.lastFailure());
                });
    }

    /**
     * {@return whether the answer refuses the token rather than the change (401, 403)}: the
     * service did not look at the change, so after earlier sends that got no definite answer (the
     * token revoked or rotated out meanwhile) it says nothing of what those did.
     */
    private static boolean refusesTheToken(int status) {
        return status == 401 || status == 403;
    }

    private CompletableFuture<Outcome> resolve(String sends, int attempts, Optional<Throwable> lastFailure) {
        if (policy.maxResolveTime().isZero()) {
            return CompletableFuture.completedFuture(new Outcome.Unknown(sends, attempts, lastFailure));
        }
        return retrying.send(lookup, headers, policy, RetryPolicy.MAX_ATTEMPTS_LIMIT, policy.maxResolveTime())
                .thenApply(ended -> {
                    if (ended instanceof Retrying.GaveUp gaveUp) {
                        return new Outcome.Unknown(sends + "; the lookup " + gaveUp.reason(), attempts, lastFailure);
                    }
                    Transport.Response response = ((Retrying.Answered) ended).response();
                    if (response.status() == 200) {
                        return found(WalletJson.transaction(WalletJson.read(response.body())), sends, attempts,
                                lastFailure);
                    }
                    Refusal refusal = response.status() >= 400 && response.status() < 500
                            ? WalletJson.refusal(response.status(), response.body()) : null;
                    if (refusal != null && refusal.code().equals(ErrorCode.TRANSACTION_NOT_FOUND)) {
                        return new Outcome.Unknown(sends + "; then the service had no record of it and none in flight,"
                                + " but a send that timed out may still arrive; sending it again is safe",
                                attempts, lastFailure);
                    }
                    String scope = refusesTheToken(response.status())
                            ? " (resolving an unknown outcome needs a token with wallet:read as well)" : "";
                    return new Outcome.Unknown(sends + "; the lookup answered " + response.status() + " "
                            + Retrying.abbreviated(response.body()) + scope, attempts, lastFailure);
                });
    }

    private Outcome found(Transaction found, String sends, int attempts, Optional<Throwable> lastFailure) {
        Outcome.Confirmation lookedUp = Outcome.Confirmation.LOOKED_UP;
        boolean rolledBackBefore = found.rolledBackBy().filter(rollback -> !rollback.equals(change.reference())).isPresent();
        if (Transaction.TOMBSTONE.equals(found.outcome()) && rolledBackBefore) {
            return new Outcome.Refused(new Refusal(409, ErrorCode.TRANSACTION_ROLLED_BACK, "reference "
                    + change.reference() + " was rolled back by " + found.rolledBackBy().orElseThrow()
                    + " before it arrived; nothing was charged", OptionalLong.empty()), lookedUp);
        }
        if (!sameChange(found)) {
            return new Outcome.Refused(new Refusal(409, ErrorCode.REFERENCE_CONFLICT, "reference " + change.reference()
                    + " holds another change: " + found.type() + " " + found.amountCents(), OptionalLong.empty()),
                    lookedUp);
        }
        if (Transaction.APPLIED.equals(found.outcome()) || Transaction.TOMBSTONE.equals(found.outcome())) {
            return new Outcome.Applied(WalletJson.receipt(change.userId(), found), lookedUp);
        }
        if (Transaction.REJECTED.equals(found.outcome()) && found.code().isPresent()) {
            ErrorCode code = found.code().orElseThrow();
            return new Outcome.Refused(new Refusal(code.recordedStatus().orElse(409), code,
                    "refused, as the transaction lookup shows", OptionalLong.empty()), lookedUp);
        }
        return new Outcome.Unknown(sends + "; the lookup showed an outcome this client does not know: "
                + found.outcome(), attempts, lastFailure);
    }

    private boolean sameChange(Transaction found) {
        if (!found.type().equals(change.type())) {
            return false;
        }
        if (change.originalReference().isPresent() && !change.originalReference().equals(found.originalReference())) {
            return false;
        }
        return change.amountCents().isEmpty() || change.amountCents().equals(found.amountCents());
    }
}

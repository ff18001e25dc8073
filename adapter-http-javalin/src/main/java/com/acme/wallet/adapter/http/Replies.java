package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.OpenOutcome;
import io.javalin.http.Context;
import java.util.Map;

/** The one place where outcomes become status codes and bodies. */
final class Replies {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Map<String, String> NO_HEADERS = Map.of();
    private static final Map<String, String> REPLAYED = Map.of(REPLAYED_HEADER, "true");
    private static final Map<String, String> RETRY_SHORTLY = Map.of("Retry-After", RETRY_AFTER_SECONDS);

    private Replies() {}

    static void opened(Context ctx, OpenOutcome outcome) {
        if (outcome instanceof OpenOutcome.Opened opened) {
            ctx.status(201).json(new Bodies.WalletResponse(opened.walletId().value(), opened.balanceCents()));
        } else {
            OpenOutcome.AlreadyExists exists = (OpenOutcome.AlreadyExists) outcome;
            error(ctx, ErrorCode.WALLET_EXISTS, "wallet " + exists.walletId() + " already exists");
        }
    }

    static void changed(Context ctx, ChangeOutcome outcome) {
        write(ctx, changeReply(outcome));
    }

    /** {@return the reply to a funds change's outcome, not yet written: what {@link #changed} writes} */
    static WalletApiJson.Reply changeReply(ChangeOutcome outcome) {
        if (outcome instanceof ChangeOutcome.Accepted accepted) {
            return applied(accepted.change(), NO_HEADERS);
        } else if (outcome instanceof ChangeOutcome.Replayed replayed) {
            return applied(replayed.change(), REPLAYED);
        } else if (outcome instanceof ChangeOutcome.ReferenceConflict conflict) {
            return errorReply(ErrorCode.REFERENCE_CONFLICT, "reference " + conflict.reference()
                    + " was already used on this wallet for another operation or amount");
        } else if (outcome instanceof ChangeOutcome.InsufficientFunds insufficient) {
            return errorReply(ErrorCode.INSUFFICIENT_FUNDS, "insufficient funds: " + insufficient.availableCents()
                    + " cents available, " + insufficient.requested().cents() + " requested");
        } else if (outcome instanceof ChangeOutcome.BalanceLimitExceeded) {
            return errorReply(ErrorCode.BALANCE_LIMIT_EXCEEDED, "the balance would pass its maximum");
        } else {
            ChangeOutcome.WalletNotFound notFound = (ChangeOutcome.WalletNotFound) outcome;
            return errorReply(ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
        }
    }

    static void lookedUp(Context ctx, TransactionLookup lookup) {
        if (lookup instanceof TransactionLookup.Found found) {
            AppliedChange change = found.change();
            ctx.status(200).json(new Bodies.TransactionResponse(change.walletId().value(), change.reference().value(),
                    change.operation().name(), change.amount().cents(), change.sequence(), change.balanceAfterCents(),
                    change.occurredAt().toString()));
        } else if (lookup instanceof TransactionLookup.TransactionNotFound notFound) {
            error(ctx, ErrorCode.TRANSACTION_NOT_FOUND, "wallet " + notFound.walletId()
                    + " has no durable change with this reference");
        } else {
            TransactionLookup.WalletNotFound notFound = (TransactionLookup.WalletNotFound) lookup;
            error(ctx, ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
        }
    }

    static void error(Context ctx, ErrorCode code, String message) {
        write(ctx, errorReply(code, message));
    }

    private static WalletApiJson.Reply errorReply(ErrorCode code, String message) {
        Map<String, String> headers = code == ErrorCode.UNAVAILABLE ? RETRY_SHORTLY : NO_HEADERS;
        return new WalletApiJson.Reply(code.status(), headers, new Bodies.ErrorResponse(message, code));
    }

    private static WalletApiJson.Reply applied(AppliedChange change, Map<String, String> headers) {
        boolean added = change.operation() == FundsOperation.ADD;
        return new WalletApiJson.Reply(added ? 201 : 200, headers, new Bodies.ChangeResponse(true,
                added ? "Created" : "Removed", change.walletId().value(), change.reference().value(),
                change.amount().cents(), change.balanceAfterCents()));
    }

    private static void write(Context ctx, WalletApiJson.Reply reply) {
        reply.headers().forEach(ctx::header);
        ctx.status(reply.status()).json(reply.body());
    }
}

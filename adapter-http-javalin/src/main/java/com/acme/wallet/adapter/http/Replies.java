package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.OpenOutcome;
import io.javalin.http.Context;

/** The one place where outcomes become status codes and bodies. */
final class Replies {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String RETRY_AFTER_SECONDS = "1";

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
        if (outcome instanceof ChangeOutcome.Accepted accepted) {
            applied(ctx, accepted.change());
        } else if (outcome instanceof ChangeOutcome.Replayed replayed) {
            ctx.header(REPLAYED_HEADER, "true");
            applied(ctx, replayed.change());
        } else if (outcome instanceof ChangeOutcome.ReferenceConflict conflict) {
            error(ctx, ErrorCode.REFERENCE_CONFLICT, "reference " + conflict.reference()
                    + " was already used on this wallet for another operation or amount");
        } else if (outcome instanceof ChangeOutcome.InsufficientFunds insufficient) {
            error(ctx, ErrorCode.INSUFFICIENT_FUNDS, "insufficient funds: " + insufficient.availableCents()
                    + " cents available, " + insufficient.requested().cents() + " requested");
        } else if (outcome instanceof ChangeOutcome.BalanceLimitExceeded) {
            error(ctx, ErrorCode.BALANCE_LIMIT_EXCEEDED, "the balance would pass its maximum");
        } else {
            ChangeOutcome.WalletNotFound notFound = (ChangeOutcome.WalletNotFound) outcome;
            error(ctx, ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
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
        if (code == ErrorCode.UNAVAILABLE) {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.status(code.status()).json(new Bodies.ErrorResponse(message, code));
    }

    private static void applied(Context ctx, AppliedChange change) {
        boolean added = change.operation() == FundsOperation.ADD;
        ctx.status(added ? 201 : 200).json(new Bodies.ChangeResponse(true, added ? "Created" : "Removed",
                change.walletId().value(), change.reference().value(), change.amount().cents(),
                change.balanceAfterCents()));
    }
}

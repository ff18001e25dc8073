package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.BalanceAtAnswer;
import com.acme.wallet.application.port.in.BeforeOpening;
import com.acme.wallet.application.port.in.HistoryAnswer;
import com.acme.wallet.application.port.in.HistoryPage;
import com.acme.wallet.application.port.in.InvalidCursor;
import com.acme.wallet.application.port.in.NoSuchRound;
import com.acme.wallet.application.port.in.NoSuchWallet;
import com.acme.wallet.application.port.in.PastBalance;
import com.acme.wallet.application.port.in.RoundAnswer;
import com.acme.wallet.application.port.in.RoundTooLarge;
import com.acme.wallet.application.port.in.RoundView;
import com.acme.wallet.application.port.in.SequenceNotReached;
import com.acme.wallet.application.port.in.TransactionLookup;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.BetPlaced;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.ReferencedEvent;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.RollbackEffect;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RolledBack;
import com.acme.wallet.domain.WinPaid;
import com.acme.wallet.domain.WinRequest;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
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
        } else if (outcome instanceof ChangeOutcome.Refused refused) {
            return recorded(refused.entry(), refused.replayed() ? REPLAYED : NO_HEADERS);
        } else {
            ChangeOutcome.WalletNotFound notFound = (ChangeOutcome.WalletNotFound) outcome;
            return errorReply(ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
        }
    }

    static void betting(Context ctx, BettingOutcome outcome) {
        write(ctx, bettingReply(outcome));
    }

    /**
     * {@return the reply to a bet's, a win's or a rollback's outcome, not yet written}: a recorded
     * outcome is answered the same way every time, with {@code Idempotent-Replayed} on a retry.
     */
    static WalletApiJson.Reply bettingReply(BettingOutcome outcome) {
        if (outcome instanceof BettingOutcome.Recorded recorded) {
            return recorded(recorded.entry(), recorded.replayed() ? REPLAYED : NO_HEADERS);
        } else if (outcome instanceof BettingOutcome.ReferenceConflict conflict) {
            return errorReply(ErrorCode.REFERENCE_CONFLICT, "reference " + conflict.reference()
                    + " was already used on this wallet for another request");
        } else if (outcome instanceof BettingOutcome.RolledBackBefore rolledBack) {
            return errorReply(ErrorCode.TRANSACTION_ROLLED_BACK, "reference " + rolledBack.reference()
                    + " was rolled back by " + rolledBack.rolledBackBy() + " before it arrived; nothing was charged");
        } else {
            BettingOutcome.WalletNotFound notFound = (BettingOutcome.WalletNotFound) outcome;
            return errorReply(ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
        }
    }

    private static WalletApiJson.Reply recorded(LedgerEntry entry, Map<String, String> headers) {
        ReferencedEvent event = entry.event();
        String userId = event.walletId().value();
        String reference = event.reference().value();
        long balance = entry.balanceAfterCents();
        if (event instanceof BetPlaced bet) {
            return new WalletApiJson.Reply(200, headers, new Bodies.RoundLegResponse(true, "Bet placed", userId, reference,
                    bet.request().roundId().value(), bet.amount().cents(), balance, bet.sequence()));
        }
        if (event instanceof WinPaid win) {
            return new WalletApiJson.Reply(201, headers, new Bodies.RoundLegResponse(true, "Win paid", userId, reference,
                    win.request().roundId().value(), win.amount().cents(), balance, win.sequence()));
        }
        if (event instanceof RolledBack rollback) {
            String original = rollback.originalReference().value();
            if (rollback.effect() instanceof RollbackEffect.NothingToRollBack nothing) {
                return new WalletApiJson.Reply(200, headers, new Bodies.TombstoneResponse(true,
                        "Nothing to roll back; recorded", true, nothing.originalOutcome().wireName(), userId, reference,
                        original, 0, balance, rollback.sequence()));
            }
            return new WalletApiJson.Reply(200, headers, new Bodies.RollbackResponse(true, "Rolled back", userId, reference,
                    original, rollback.amount().cents(), balance, rollback.sequence()));
        }
        RequestRefused refused = (RequestRefused) event;
        ErrorCode code = ErrorCode.of(refused.code());
        return new WalletApiJson.Reply(code.status(), headers,
                new Bodies.RefusalResponse(refusalMessage(refused), code, refused.balanceCents()));
    }

    private static String refusalMessage(RefusalCode refusal) {
        return switch (refusal) {
            case INSUFFICIENT_FUNDS -> "insufficient funds";
            case BALANCE_LIMIT_EXCEEDED -> "the balance would pass its maximum";
            case ROUND_NOT_FOUND -> "the round has no standing bet";
            case ROUND_CLOSED -> "the round is closed";
            case ALREADY_ROLLED_BACK -> "the original was already rolled back under another reference";
            case BET_ALREADY_SETTLED -> "the bet's round already has a win";
            case NOT_ROLLBACKABLE -> "only bets and wins can be rolled back";
        };
    }

    private static String refusalMessage(RequestRefused refused) {
        String message = refusalMessage(refused.code());
        if (refused.request() instanceof FundsRequest funds && refused.code() == RefusalCode.INSUFFICIENT_FUNDS) {
            return message + ": " + refused.balanceCents() + " cents available, " + funds.amount().cents() + " requested";
        }
        if (refused.request() instanceof BetRequest bet) {
            return message + " (round " + bet.roundId() + ")";
        }
        if (refused.request() instanceof WinRequest win) {
            return message + " (round " + win.roundId() + ")";
        }
        if (refused.request() instanceof RollbackRequest rollback) {
            return message + " (original " + rollback.originalReference() + ")";
        }
        return message;
    }

    static void lookedUp(Context ctx, TransactionLookup lookup) {
        if (lookup instanceof TransactionLookup.Found found) {
            ctx.status(200).json(TransactionBodies.lookup(found.entry()));
        } else if (lookup instanceof TransactionLookup.RolledBackBefore rolledBack) {
            LedgerEntry tombstone = rolledBack.rolledBackBy();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", rolledBack.walletId().value());
            body.put("reference", rolledBack.reference().value());
            body.put("outcome", LedgerEntry.Outcome.TOMBSTONE.wireName());
            body.put("rolledBackBy", tombstone.reference().value());
            body.put("sequence", tombstone.sequence());
            body.put("occurredAt", tombstone.event().occurredAt().toString());
            ctx.status(200).json(body);
        } else if (lookup instanceof TransactionLookup.TransactionNotFound notFound) {
            error(ctx, ErrorCode.TRANSACTION_NOT_FOUND, "wallet " + notFound.walletId()
                    + " has no durable change with this reference");
        } else {
            TransactionLookup.WalletNotFound notFound = (TransactionLookup.WalletNotFound) lookup;
            error(ctx, ErrorCode.WALLET_NOT_FOUND, "wallet " + notFound.walletId() + " not found");
        }
    }

    static void history(Context ctx, HistoryAnswer answer) {
        if (answer instanceof HistoryPage page) {
            ctx.status(200).json(new Bodies.HistoryResponse(page.walletId().value(),
                    page.items().stream().map(TransactionBodies::historyItem).toList(), page.nextCursor().orElse(null),
                    page.storedThroughSequence()));
        } else if (answer instanceof InvalidCursor invalid) {
            error(ctx, ErrorCode.INVALID_CURSOR, invalid.reason());
        } else {
            storedReadRefusal(ctx, answer);
        }
    }

    static void balanceAt(Context ctx, BalanceAtAnswer answer) {
        if (answer instanceof PastBalance past) {
            ctx.status(200).json(new Bodies.BalanceAtResponse(past.walletId().value(), past.balanceCents(),
                    past.sequence(), past.at().toString()));
        } else if (answer instanceof BeforeOpening before) {
            error(ctx, ErrorCode.BEFORE_OPENING, "wallet " + before.walletId() + " did not exist yet at " + before.at());
        } else {
            storedReadRefusal(ctx, answer);
        }
    }

    static void round(Context ctx, RoundAnswer answer) {
        if (answer instanceof RoundView round) {
            List<Bodies.RoundLegBody> legs = round.legs().stream().map(leg -> new Bodies.RoundLegBody(
                    leg.entry().reference().value(), leg.entry().type().name(), leg.entry().event().amount().cents(),
                    leg.entry().sequence(), leg.rolledBackBy().map(Reference::value).orElse(null))).toList();
            ctx.status(200).json(new Bodies.RoundResponse(round.walletId().value(), round.roundId().value(),
                    round.closed() ? "CLOSED" : "OPEN", round.stakedCents(), round.wonCents(), legs));
        } else if (answer instanceof NoSuchRound none) {
            error(ctx, ErrorCode.ROUND_NOT_FOUND, "wallet " + none.walletId() + " has no stored bet or win in round "
                    + none.roundId());
        } else if (answer instanceof RoundTooLarge large) {
            error(ctx, ErrorCode.ROUND_TOO_LARGE, "round " + large.roundId() + " has more than " + large.maxEntries()
                    + " legs and rollbacks; page through it with GET /wallet/{userId}/transactions?roundId=...");
        } else {
            storedReadRefusal(ctx, answer);
        }
    }

    /** The answers every read of stored history shares: no such wallet, or no such sequence yet. */
    private static void storedReadRefusal(Context ctx, Object answer) {
        if (answer instanceof NoSuchWallet none) {
            error(ctx, ErrorCode.WALLET_NOT_FOUND, "wallet " + none.walletId() + " not found");
        } else {
            SequenceNotReached notReached = (SequenceNotReached) answer;
            error(ctx, ErrorCode.SEQUENCE_NOT_FOUND, "wallet " + notReached.walletId() + " has no change with sequence "
                    + notReached.sequence() + "; its last is " + notReached.lastSequence());
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
                change.amount().cents(), change.balanceAfterCents(), change.sequence()));
    }

    private static void write(Context ctx, WalletApiJson.Reply reply) {
        reply.headers().forEach(ctx::header);
        ctx.status(reply.status()).json(reply.body());
    }
}

package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.application.port.in.RollbackCommand;
import com.acme.wallet.application.port.in.WinCommand;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Metadata;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WinRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.Objects;

/**
 * The API's JSON: the strict mapper every reply is written with, a request's body read into its
 * command, and a funds change's outcome turned into its reply.
 *
 * <p>{@link JavalinWalletApi} serves its routes through this class, and it is public so that the
 * benchmarks module measures, and its ceilings answer with, the code that serves requests rather
 * than a copy of it. That is its only reason to be public: everything it calls ({@code RequestParser},
 * {@code Replies}, {@code Bodies}) stays package-private. Thread-safe.
 */
public final class WalletApiJson {

    private final ObjectMapper mapper = RequestParser.strictMapper();
    private final JavalinJackson javalinMapper = new JavalinJackson(mapper, false);
    private final RequestParser parser = new RequestParser(mapper);

    /** Creates the API's JSON over a new strict mapper. */
    public WalletApiJson() {}

    /**
     * A reply before it is written: {@code ctx.status(status).json(body)} after setting the headers.
     *
     * @param status the HTTP status
     * @param headers headers to set besides the content type, usually none
     * @param body the object Javalin writes as JSON through {@link #javalinMapper()}
     */
    public record Reply(int status, Map<String, String> headers, Object body) {
        /** Validates the reply. */
        public Reply {
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * {@return the JSON mapper the app is configured with ({@code config.jsonMapper}); {@code ctx.json}
     * writes every reply through it}
     */
    public JavalinJackson javalinMapper() {
        return javalinMapper;
    }

    /**
     * Reads a funds change as {@code POST /add-funds/{userId}} and {@code POST /remove-funds/{userId}}
     * do: the wallet id from the path, then {@code {"amount": 10, "reference": "wonbet-1"}}, strictly.
     *
     * @param userId the path's wallet id
     * @param body the request's bytes
     * @param caller who asks
     * @return the command for the use case
     * @throws InvalidInputException if the id or the body is one the API refuses with 400
     */
    public ChangeFundsCommand changeFunds(String userId, byte[] body, Caller caller) {
        WalletId walletId = WalletId.of(userId);
        Bodies.ChangeFundsRequest request = parser.changeFunds(body);
        return new ChangeFundsCommand(walletId, Amount.positive(request.amount()), Reference.of(request.reference()),
                caller);
    }

    /**
     * {@return the reply to a funds change's outcome, as the change routes write it, not yet written}
     *
     * @param outcome what the use case answered
     */
    public Reply changeReply(ChangeOutcome outcome) {
        return Replies.changeReply(outcome);
    }

    /**
     * Answers a funds change's outcome on the request's context, as the change routes do.
     *
     * @param ctx the request's context
     * @param outcome what the use case answered
     */
    public void answerChange(Context ctx, ChangeOutcome outcome) {
        Replies.changed(ctx, outcome);
    }

    /** Reads {@code POST /bet/{userId}}: the wallet id from the path, then the bet, strictly. */
    BetCommand bet(String userId, byte[] body, Caller caller) {
        WalletId walletId = WalletId.of(userId);
        Bodies.RoundLegRequest request = parser.roundLeg(body);
        return new BetCommand(walletId, new BetRequest(Reference.of(request.reference()), RoundId.of(request.roundId()),
                Amount.positive(request.amount()), request.closesRound(), Metadata.of(request.metadata())), caller);
    }

    /** Reads {@code POST /win/{userId}}: the wallet id from the path, then the win, strictly; it may be zero. */
    WinCommand win(String userId, byte[] body, Caller caller) {
        WalletId walletId = WalletId.of(userId);
        Bodies.RoundLegRequest request = parser.roundLeg(body);
        return new WinCommand(walletId, new WinRequest(Reference.of(request.reference()), RoundId.of(request.roundId()),
                Amount.ofCents(request.amount()), request.closesRound(), Metadata.of(request.metadata())), caller);
    }

    /** Reads {@code POST /rollback/{userId}}: the wallet id from the path, then the rollback, strictly. */
    RollbackCommand rollback(String userId, byte[] body, Caller caller) {
        WalletId walletId = WalletId.of(userId);
        Bodies.RollbackRequest request = parser.rollback(body);
        return new RollbackCommand(walletId,
                new RollbackRequest(Reference.of(request.reference()), Reference.of(request.originalReference())), caller);
    }

    /** Reads {@code POST /wallet/{userId}}: the id from the path, then {@code {"amount": 100}} or nothing. */
    OpenWalletCommand openWallet(String userId, byte[] body, Caller caller) {
        WalletId walletId = WalletId.of(userId);
        Bodies.OpenWalletRequest request = parser.openWallet(body);
        return new OpenWalletCommand(walletId, Amount.ofCents(request.amount()), caller);
    }

    /** {@return the mapper itself, for Jetty's own error replies} */
    ObjectMapper mapper() {
        return mapper;
    }
}

package com.acme.wallet.bench.jmh;

import com.acme.wallet.adapter.http.WalletApiJson;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A funds change's JSON on the HTTP path: reading the request body and writing the reply, through
 * {@link WalletApiJson}, the class the service's change routes call.
 *
 * <p>Only the last step of writing a reply is repeated here rather than called: {@code ctx.json}
 * needs a live request, so {@link #encodeReplyAsJavalinDoes} does what Javalin's {@code ctx.json}
 * does with the app's JSON mapper (a String, then UTF-8 bytes). That step is Javalin's code, not ours.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChangeJsonBenchmark {

    private WalletApiJson json;
    private byte[] body;
    private ChangeOutcome accepted;

    /** Prepares the service's JSON, a body as the seed's clients send it, and its accepted outcome. */
    @Setup
    public void setUp() {
        json = new WalletApiJson();
        body = "{\"amount\": 10, \"reference\": \"wonbet-1\"}".getBytes(StandardCharsets.UTF_8);
        ChangeFundsCommand command = json.changeFunds("andrei", body, Caller.ANONYMOUS);
        accepted = new ChangeOutcome.Accepted(new AppliedChange(UUID.fromString("5b0f7c1e-3f7a-4a4e-9d1c-2a6f1e0c9b11"),
                command.walletId(), command.reference(), FundsOperation.ADD, command.amount(), 42, 1_010,
                Instant.parse("2025-11-26T15:04:05.123456Z")));
    }

    /** {@return the body read into the route's command: strict readTree, the checks, WalletId, Amount, Reference} */
    @Benchmark
    public ChangeFundsCommand decodeChangeBody() {
        return json.changeFunds("andrei", body, Caller.ANONYMOUS);
    }

    /**
     * {@return the route's reply to an accepted change, written as {@code ctx.json} writes it: the
     * app's mapper writes a String, and {@code ctx.result} turns it into UTF-8 bytes}
     */
    @Benchmark
    public byte[] encodeReplyAsJavalinDoes() {
        WalletApiJson.Reply reply = json.changeReply(accepted);
        return json.javalinMapper().toJsonString(reply.body(), reply.body().getClass())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the same reply written straight to bytes, to show what the detour through a String costs} */
    @Benchmark
    public byte[] encodeReplyAsBytes() throws JsonProcessingException {
        return json.javalinMapper().getMapper().writeValueAsBytes(json.changeReply(accepted).body());
    }
}

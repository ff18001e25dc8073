package com.acme.wallet.bench.jmh;

import com.acme.wallet.bench.ChangeReply;
import com.acme.wallet.bench.ChangeRequest;
import com.acme.wallet.bench.ServiceJson;
import com.acme.wallet.domain.FundsOperation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.json.JavalinJackson;
import java.nio.charset.StandardCharsets;
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
 * A funds change's JSON on the HTTP path: reading the request body and writing the reply.
 *
 * <p>The service's {@code RequestParser} and {@code Replies} are package-private, so this measures
 * {@link ServiceJson}, which repeats their steps with the same mapper settings, and the same reply
 * shape written through {@link JavalinJackson} as {@code ctx.json} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChangeJsonBenchmark {

    private ServiceJson json;
    private JavalinJackson javalinJackson;
    private byte[] body;
    private ChangeRequest request;

    /** Prepares the parser, the mapper and a body as the seed's clients send it. */
    @Setup
    public void setUp() {
        json = new ServiceJson();
        javalinJackson = new JavalinJackson(json.mapper(), false);
        body = "{\"amount\": 10, \"reference\": \"wonbet-1\"}".getBytes(StandardCharsets.UTF_8);
        request = json.changeFunds("andrei", FundsOperation.ADD, body);
    }

    /** {@return the body read into a validated request: readTree, checks, WalletId, Amount, Reference} */
    @Benchmark
    public ChangeRequest decodeChangeBody() {
        return json.changeFunds("andrei", FundsOperation.ADD, body);
    }

    /**
     * {@return the reply as {@code ctx.json} produces it: Javalin's mapper writes a String, and
     * {@code ctx.result} turns it into UTF-8 bytes}
     */
    @Benchmark
    public byte[] encodeReplyAsJavalinDoes() {
        ChangeReply reply = ChangeReply.accepted(request, 0);
        return javalinJackson.toJsonString(reply, ChangeReply.class).getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the same reply written straight to bytes, to show what the detour through a String costs} */
    @Benchmark
    public byte[] encodeReplyAsBytes() throws JsonProcessingException {
        return json.mapper().writeValueAsBytes(ChangeReply.accepted(request, 0));
    }
}

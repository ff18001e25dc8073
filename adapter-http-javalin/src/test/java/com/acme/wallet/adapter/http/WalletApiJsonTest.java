package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.FundsRequest;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.RefusalCode;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public seam the benchmarks call reads and answers exactly as the running API's change routes
 * do: each case is sent to the real API and given to the seam, and the two must agree.
 */
class WalletApiJsonTest {

    private final WalletApiJson json = new WalletApiJson();
    private RunningApi api;
    private ApiClient client;

    @BeforeEach
    void startServerWithAWalletOf100() {
        api = RunningApi.overInMemoryLog();
        client = api.client();
        client.openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void a_valid_body_is_read_into_the_command_the_route_gives_the_use_case() {
        ChangeFundsCommand command = json.changeFunds("andrei",
                "{\"amount\": 10, \"reference\": \"wonbet-1\"}".getBytes(StandardCharsets.UTF_8), new Caller("cashier"));

        assertThat(command).isEqualTo(
                new ChangeFundsCommand(WalletId.of("andrei"), Amount.positive(10), Reference.of("wonbet-1"),
                        new Caller("cashier")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"amount\":\"10\",\"reference\":\"wonbet-1\"}",
        "{\"amount\":10.5,\"reference\":\"wonbet-1\"}",
        "{\"amount\":0,\"reference\":\"wonbet-1\"}",
        "{\"amount\":10}",
        "{\"amount\":10,\"reference\":7}",
        "{\"amount\":10,\"amount\":10,\"reference\":\"wonbet-1\"}",
        "{\"amount\":10,\"reference\":\"wonbet-1\"} {}",
        "amount=10&reference=wonbet-1",
        "[]"
    })
    void a_body_the_route_refuses_is_refused_by_the_seam_for_the_same_reason(String body) {
        ApiClient.ApiResponse refused = client.sendingInvalidRequestsOnPurpose().post("/add-funds/andrei", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThatThrownBy(() -> json.changeFunds("andrei", body.getBytes(StandardCharsets.UTF_8), Caller.ANONYMOUS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(refused.json().get("msg").asText());
    }

    @Test
    void an_accepted_change_is_answered_with_the_status_headers_and_bytes_the_route_writes() {
        ApiClient.ApiResponse added = client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        WalletApiJson.Reply reply = json.changeReply(new ChangeOutcome.Accepted(applied(FundsOperation.ADD, 110)));

        assertThat(reply.status()).isEqualTo(added.status()).isEqualTo(201);
        assertThat(reply.headers()).isEmpty();
        assertThat(writtenAsCtxJsonDoes(reply)).isEqualTo(added.body());
    }

    @Test
    void a_replayed_change_is_answered_with_the_replay_header_and_the_first_reply() {
        client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");
        ApiClient.ApiResponse replayed = client.post("/add-funds/andrei", "{\"amount\":10,\"reference\":\"wonbet-1\"}");

        WalletApiJson.Reply reply = json.changeReply(new ChangeOutcome.Replayed(applied(FundsOperation.ADD, 110)));

        assertThat(reply.status()).isEqualTo(replayed.status());
        assertThat(reply.headers()).isEqualTo(Map.of(Replies.REPLAYED_HEADER, "true"));
        assertThat(replayed.header(Replies.REPLAYED_HEADER)).hasValue("true");
        assertThat(writtenAsCtxJsonDoes(reply)).isEqualTo(replayed.body());
    }

    @Test
    void a_refused_debit_is_answered_with_the_status_and_bytes_the_route_writes() {
        ApiClient.ApiResponse refused = client.post("/remove-funds/andrei", "{\"amount\":500,\"reference\":\"bet-1\"}");

        RequestRefused refusal = new RequestRefused(UUID.randomUUID(), WalletId.of("andrei"), 2,
                new FundsRequest(FundsOperation.REMOVE, Amount.positive(500), Reference.of("bet-1")),
                RefusalCode.INSUFFICIENT_FUNDS, 100, Instant.now());
        WalletApiJson.Reply reply = json.changeReply(new ChangeOutcome.Refused(new LedgerEntry(refusal, 100), false));

        assertThat(reply.status()).isEqualTo(refused.status()).isEqualTo(422);
        assertThat(writtenAsCtxJsonDoes(reply)).isEqualTo(refused.body());
    }

    private static AppliedChange applied(FundsOperation operation, long balanceAfterCents) {
        return new AppliedChange(UUID.randomUUID(), WalletId.of("andrei"), Reference.of("wonbet-1"), operation,
                Amount.positive(10), 2, balanceAfterCents, Instant.now());
    }

    /** What {@code ctx.json(body)} writes: the app's JSON mapper's string of the body, by the body's class. */
    private String writtenAsCtxJsonDoes(WalletApiJson.Reply reply) {
        return json.javalinMapper().toJsonString(reply.body(), reply.body().getClass());
    }
}

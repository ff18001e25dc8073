package com.acme.wallet.adapter.http;

import static com.acme.wallet.adapter.http.ErrorAnswers.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A REST API that holds its most wallets answers an opening 409 and changes nothing; its wallets go on. */
class WalletLimitTest {

    private RunningApi api;

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void opening_a_wallet_over_the_limit_answers_409_wallet_limit_reached_and_the_others_take_changes() {
        api = RunningApi.overInMemoryLogWithMaxWallets(2);
        ApiClient client = api.client();
        client.openWallet("alice", 100);
        client.openWallet("bob", 100);

        assertError(client.post("/wallet/carol", "{\"amount\":100}"), 409, "wallet_limit_reached");
        assertError(client.get("/wallet/carol"), 404, "wallet_not_found");
        assertError(client.post("/wallet/alice", "{\"amount\":100}"), 409, "wallet_exists");
        assertThat(client.post("/add-funds/alice", "{\"amount\":10,\"reference\":\"r-1\"}").status()).isEqualTo(201);
        assertThat(client.balanceOf("alice")).isEqualTo(110);
    }
}

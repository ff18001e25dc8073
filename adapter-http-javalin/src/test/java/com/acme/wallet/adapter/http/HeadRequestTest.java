package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HEAD is refused with 405: Javalin would answer it 200 on any GET route without running the route,
 * so a HEAD of {@code /health} would say ready while the service is not, and a HEAD of an unknown
 * wallet would say it exists.
 */
class HeadRequestTest {

    private RunningApi api;

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void head_of_health_is_refused_while_the_service_is_not_ready_instead_of_answering_200() {
        api = RunningApi.overWriterNotStarted();
        ApiClient invalid = api.client().sendingInvalidRequestsOnPurpose();

        assertThat(api.client().get("/health").status()).isEqualTo(503);
        assertThat(invalid.send("HEAD", "/health", null).status()).isEqualTo(405);
    }

    @Test
    void head_of_a_wallet_is_refused_whether_it_exists_or_not() {
        api = RunningApi.overInMemoryLog();
        api.client().openWallet("andrei", 100);
        ApiClient invalid = api.client().sendingInvalidRequestsOnPurpose();

        assertThat(invalid.send("HEAD", "/wallet/andrei", null).status()).isEqualTo(405);
        assertThat(invalid.send("HEAD", "/wallet/nobody", null).status()).isEqualTo(405);
        assertThat(api.client().get("/wallet/andrei").status()).isEqualTo(200);
    }
}

package com.acme.wallet.app.batchconsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.domain.WalletId;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real HTTP server of the JDK on loopback, answering as the REST API does. */
class RestApiBalancesTest {

    private HttpServer server;
    private RestApiBalances balances;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/wallet/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/wallet/".length());
            int status = switch (id) {
                case "andrei" -> 200;
                case "broken" -> 503;
                default -> 404;
            };
            byte[] body = (status == 200 ? "{\"userId\":\"andrei\",\"balance\":60}" : "{\"success\":false}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        balances = new RestApiBalances(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void a_stored_wallet_answers_its_balance() {
        assertThat(balances.balanceOf(WalletId.of("andrei"))).hasValue(60);
    }

    @Test
    void an_unknown_wallet_has_no_balance() {
        assertThat(balances.balanceOf(WalletId.of("nobody"))).isEmpty();
    }

    @Test
    void an_api_that_answers_an_error_cannot_be_compared() {
        assertThatThrownBy(() -> balances.balanceOf(WalletId.of("broken")))
                .isInstanceOf(RestApiBalances.UnreachableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void an_api_that_is_not_listening_is_unreachable() {
        server.stop(0);

        assertThatThrownBy(() -> balances.balanceOf(WalletId.of("andrei")))
                .isInstanceOf(RestApiBalances.UnreachableException.class);
    }

    @Test
    void the_balance_is_read_from_the_wallet_body_and_nothing_else_is_taken_for_it() {
        assertThat(RestApiBalances.parseBalance("{\"userId\":\"a\",\"balance\":1000000000000000}"))
                .isEqualTo(1_000_000_000_000_000L);
        assertThat(RestApiBalances.parseBalance("{\"balance\": 0, \"userId\":\"a\"}")).isZero();
        assertThatThrownBy(() -> RestApiBalances.parseBalance("{\"userId\":\"a\",\"balance\":1.5}"))
                .isInstanceOf(RestApiBalances.UnreachableException.class);
        assertThatThrownBy(() -> RestApiBalances.parseBalance("{\"userId\":\"a\"}"))
                .isInstanceOf(RestApiBalances.UnreachableException.class);
    }

    @Test
    void only_an_http_url_is_accepted() {
        assertThatThrownBy(() -> new RestApiBalances(URI.create("ftp://127.0.0.1/"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package com.acme.wallet.adapter.httpclient;

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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real HTTP server of the JDK on loopback, answering as the REST API does. */
class HttpRestApiBalancesTest {

    private HttpServer server;
    private HttpRestApiBalances balances;

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
        balances = new HttpRestApiBalances(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
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
    void a_token_given_goes_with_every_request_as_a_bearer_token() {
        server.createContext("/wallet/guarded", exchange -> {
            boolean authorized = "Bearer s3cret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? "{\"userId\":\"guarded\",\"balance\":7}" : "{\"error\":\"unauthenticated\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(new HttpRestApiBalances(api, Duration.ofSeconds(2), Optional.of("s3cret"))
                .balanceOf(WalletId.of("guarded"))).hasValue(7);
        assertThatThrownBy(() -> balances.balanceOf(WalletId.of("guarded")))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class).hasMessageContaining("answered 401")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void an_unknown_wallet_has_no_balance() {
        assertThat(balances.balanceOf(WalletId.of("nobody"))).isEmpty();
    }

    @Test
    void an_api_that_answers_an_error_cannot_be_compared() {
        assertThatThrownBy(() -> balances.balanceOf(WalletId.of("broken")))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class)
                .hasMessageContaining("503");
    }

    @Test
    void an_api_that_is_not_listening_is_unreachable() {
        server.stop(0);

        assertThatThrownBy(() -> balances.balanceOf(WalletId.of("andrei")))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class);
    }

    @Test
    void the_balance_is_read_from_the_wallet_body_and_nothing_else_is_taken_for_it() {
        assertThat(HttpRestApiBalances.parseBalance("{\"userId\":\"a\",\"balance\":1000000000000000}"))
                .isEqualTo(1_000_000_000_000_000L);
        assertThat(HttpRestApiBalances.parseBalance("{\"balance\": 0, \"userId\":\"a\"}")).isZero();
        assertThatThrownBy(() -> HttpRestApiBalances.parseBalance("{\"userId\":\"a\",\"balance\":1.5}"))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class);
        assertThatThrownBy(() -> HttpRestApiBalances.parseBalance("{\"userId\":\"a\"}"))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class);
    }

    @Test
    void the_balance_is_the_wallets_own_field_never_one_nested_in_another() {
        assertThat(HttpRestApiBalances.parseBalance("{\"userId\":\"a\",\"extra\":{\"balance\":5},\"balance\":7}"))
                .isEqualTo(7);
    }

    @Test
    void a_balance_given_as_text_or_beyond_a_long_is_not_taken() {
        assertThatThrownBy(() -> HttpRestApiBalances.parseBalance("{\"userId\":\"a\",\"balance\":\"10\"}"))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class);
        assertThatThrownBy(() -> HttpRestApiBalances.parseBalance("{\"balance\":9223372036854775808}"))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> HttpRestApiBalances.parseBalance("<html>busy</html>"))
                .isInstanceOf(HttpRestApiBalances.UnreachableException.class);
    }

    @Test
    void only_an_http_url_is_accepted() {
        assertThatThrownBy(() -> new HttpRestApiBalances(URI.create("ftp://127.0.0.1/"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package com.acme.wallet.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metrics_answers_the_scrape_and_ready_follows_the_program() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0, () -> "wallet_up 1\n", ready::get)) {
            HttpResponse<String> metrics = get(server, "GET", "/metrics");
            HttpResponse<String> notReady = get(server, "GET", "/ready");
            ready.set(true);
            HttpResponse<String> nowReady = get(server, "GET", "/ready");

            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).isEqualTo("wallet_up 1\n");
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.CONTENT_TYPE);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(nowReady.statusCode()).isEqualTo(200);
            assertThat(nowReady.body()).isEqualTo("OK");
        }
    }

    @Test
    void other_paths_are_404_and_other_methods_405() throws Exception {
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0, () -> "", () -> true)) {
            assertThat(get(server, "GET", "/metrics/extra").statusCode()).isEqualTo(404);
            assertThat(get(server, "GET", "/").statusCode()).isEqualTo(404);
            assertThat(get(server, "POST", "/metrics").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void a_port_in_use_is_refused_at_start() {
        try (ManagementServer first = ManagementServer.start("127.0.0.1", 0, () -> "", () -> true)) {
            assertThatThrownBy(() -> ManagementServer.start("127.0.0.1", first.port(), () -> "", () -> true))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining(Integer.toString(first.port()));
        }
    }

    private HttpResponse<String> get(ManagementServer server, String method, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.testsupport.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests so malformed that the HTTP server refuses them before any route sees them (a well-behaved
 * client cannot even send them, so they go over a raw socket). They too are answered with the API's
 * JSON error, never an HTML page, and change nothing.
 */
class MalformedHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunningApi api;

    @BeforeEach
    void startServerWithAWalletOf100() {
        api = RunningApi.overInMemoryLog();
        api.client().openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a malformed percent-encoding in the user id | GET /wallet/andr%ZZei HTTP/1.1 | 400",
        "an encoded NUL in the user id | GET /wallet/andrei%00 HTTP/1.1 | 400",
        "a malformed percent-encoding in a write | POST /add-funds/andr%ZZei HTTP/1.1\\r\\nContent-Length: 0 | 400",
        "a PUT with a malformed percent-encoding | PUT /wallet/andr%ZZei HTTP/1.1\\r\\nContent-Length: 0 | 400",
        // Found by BadInputFuzzTest: after a ';' Jetty passes the escape on and Javalin's decoding threw (500).
        "a malformed percent-encoding after a semicolon | POST /add-funds/t;%Wy.5 HTTP/1.1\\r\\nContent-Length: 0 | 400",
        "a request line without a URI | GARBAGE | 400",
        "both Content-Length and chunked encoding"
                + " | POST /add-funds/andrei HTTP/1.1\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked | 400",
        "a header far too large | GET /wallet/andrei HTTP/1.1\\r\\nX-Padding: {padding} | 431",
    })
    void a_request_refused_before_routing_answers_a_json_error(String description, String head, int status)
            throws IOException {
        String request = head.replace("\\r\\n", "\r\n").replace("{padding}", "p".repeat(20_000))
                + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n0\r\n\r\n";

        RawAnswer answer = sendRaw(request);

        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contractViolations(head)).isEmpty();
        assertThat(answer.text().toLowerCase(Locale.ROOT)).contains("content-type: application/json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("success").booleanValue()).isFalse();
        assertThat(body.get("code").asText()).isEqualTo("invalid_request");
        assertThat(body.get("msg").asText()).isNotBlank();
        for (String detail : ErrorAnswers.INTERNAL_DETAIL) {
            assertThat(answer.body()).doesNotContain(detail);
        }
        assertThat(api.client().balanceOf("andrei")).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a malformed percent-encoding | GET /wallet/andr%ZZei HTTP/1.1",
        "a request target too long | GET /wallet/{long} HTTP/1.1",
    })
    void a_request_refused_before_routing_on_a_keep_alive_connection_is_answered_with_connection_close(
            String description, String head) throws IOException {
        // Without the header a keep-alive client sends its next request on a connection the server
        // has closed, and that request gets no answer at all (found by BadInputFuzzTest).
        String request = head.replace("{long}", "a".repeat(9_000)) + "\r\nHost: 127.0.0.1\r\n\r\n";

        RawAnswer answer = sendRaw(request);

        assertThat(answer.status()).as(answer.text()).isEqualTo(head.contains("{long}") ? 414 : 400);
        assertThat(answer.contractViolations(head)).isEmpty();
        assertThat(answer.text().toLowerCase(Locale.ROOT)).contains("connection: close");
    }

    private RawAnswer sendRaw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return RawAnswer.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    /** A raw HTTP/1.1 answer: its status, its head and body as text. */
    private record RawAnswer(int status, String text, String body) {
        static RawAnswer of(String text) {
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new RawAnswer(status, text, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }

        /**
         * {@return what in this answer breaks the OpenAPI document, for a request invalid on purpose
         *     whose request line begins {@code head}}
         */
        List<String> contractViolations(String head) {
            String[] requestLine = head.split("\\\\r\\\\n")[0].split(" ");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            String[] lines = text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), List.of(lines[i].substring(colon + 1).trim()));
            }
            return OpenApiContract.wallet().answerViolations(requestLine[0],
                    requestLine.length > 1 ? requestLine[1] : "/", status, headers, body);
        }
    }
}

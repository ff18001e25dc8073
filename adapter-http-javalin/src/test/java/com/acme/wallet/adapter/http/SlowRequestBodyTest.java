package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends its request body far below the minimum data rate, or stops sending it, is cut
 * off within a bounded time, and the server keeps answering others meanwhile. The limits are set so
 * that the test is quick (1 s idle timeout, 50 bytes/s, against the defaults of 30 s and 1 byte/s);
 * the other clients' bodies of about 40 bytes then still have most of a second to be read.
 */
class SlowRequestBodyTest {

    private static final HttpSettings SMALL_SLOW_CLIENT_LIMITS = RunningApi.SHORT_WRITE_TIMEOUT
            .withSlowClientLimits(Duration.ofSeconds(1), 50);

    /** Generous: the cut-off comes after about a second, but the machine may be busy. */
    private static final int CUT_OFF_BOUND_MS = 10_000;

    private static final int DECLARED_BODY_BYTES = 2_000;

    private RunningApi api;

    @BeforeEach
    void startServerWithSmallSlowClientLimits() {
        api = RunningApi.overInMemoryLog(SMALL_SLOW_CLIENT_LIMITS);
        api.client().openWallet("andrei", 100);
    }

    @AfterEach
    void stopServer() {
        api.close();
    }

    @Test
    void a_body_trickled_far_below_the_minimum_rate_is_cut_off_while_others_are_answered() throws Exception {
        try (Socket slow = startBody()) {
            Thread trickler = new Thread(() -> trickle(slow), "trickling-client");
            trickler.start();
            assertThat(api.client().post("/add-funds/andrei", wonBet(1)).status()).isEqualTo(201);

            String answer = readUntilCutOff(slow);

            assertCutOff(answer);
            slow.close();
            trickler.join(CUT_OFF_BOUND_MS);
        }
        assertThat(api.client().post("/add-funds/andrei", wonBet(2)).status()).isEqualTo(201);
        assertThat(api.client().balanceOf("andrei")).isEqualTo(120);
    }

    @Test
    void a_body_that_stops_arriving_is_cut_off_by_the_idle_timeout_while_others_are_answered() throws Exception {
        try (Socket stalled = startBody()) {
            assertThat(api.client().post("/add-funds/andrei", wonBet(1)).status()).isEqualTo(201);

            assertCutOff(readUntilCutOff(stalled));
        }
        assertThat(api.client().balanceOf("andrei")).isEqualTo(110);
    }

    /** Sends the head of a write with a Content-Length, and the first bytes of its body. */
    private Socket startBody() throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        socket.setSoTimeout(CUT_OFF_BOUND_MS);
        String head = "POST /add-funds/andrei HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + DECLARED_BODY_BYTES + "\r\n\r\n{\"amount\":";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Sends one more space of the body every 200 ms (5 bytes/s) until the server closes the connection. */
    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < DECLARED_BODY_BYTES - 20; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException cutOff) {
            // The server closed the connection, or the test is over: the trickle ends here.
        }
    }

    /**
     * Reads whatever the server answers until it closes the connection; fails if that takes longer than
     * the bound.
     *
     * @return the answer as text, empty if the server closed without one
     */
    private static String readUntilCutOff(Socket socket) throws IOException {
        long startNanos = System.nanoTime();
        StringBuilder answer = new StringBuilder();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4_096];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketException reset) {
            // A reset is a cut-off too.
        }
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofMillis(CUT_OFF_BOUND_MS));
        return answer.toString();
    }

    /**
     * A cut-off is the connection closed, with no answer or with a 4xx, never a success. A body that
     * stops arriving is answered by Javalin itself (its {@code timeoutStatus}, 408, with an empty
     * text body), before any of the API's exception mappers sees the timeout.
     */
    private static void assertCutOff(String answer) {
        if (answer.isEmpty()) {
            return;
        }
        assertThat(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (!body.isEmpty()) {
            assertThat(body).contains("\"success\":false");
        }
    }

    private static String wonBet(int index) {
        return "{\"amount\":10,\"reference\":\"wonbet-" + index + "\"}";
    }
}

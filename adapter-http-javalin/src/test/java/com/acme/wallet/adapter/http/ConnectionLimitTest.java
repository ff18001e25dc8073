package com.acme.wallet.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * At its limit of open connections the server accepts no more until one closes: a client that opens
 * connections without end holds at most that many, and the next client is served once one goes.
 */
class ConnectionLimitTest {

    private static final int LIMIT = 3;

    /**
     * How long the connection over the limit is watched for an answer that must not come. On a busy
     * machine an answer could only come later, never sooner, so a longer wait only makes the check
     * stricter; an answer within this wait on an idle machine means the limit does not hold.
     */
    private static final int UNANSWERED_WATCH_MS = 1_000;

    /** The longest a request within the limit waits for its answer, on a busy machine. */
    private static final int ANSWER_TIMEOUT_MS = 10_000;

    private static final byte[] LIVENESS = ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    private RunningApi api;
    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void startServerWithAFewConnectionsAllowed() {
        api = RunningApi.overInMemoryLog(HttpSettings.defaults("127.0.0.1", 0).withMaxConnections(LIMIT));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        api.close();
    }

    @Test
    void a_connection_over_the_limit_is_served_only_once_another_closes() throws IOException {
        for (int connection = 0; connection < LIMIT; connection++) {
            Socket socket = open();
            assertThat(askLiveness(socket, ANSWER_TIMEOUT_MS)).startsWith("HTTP/1.1 200");
        }

        Socket overTheLimit = open();
        overTheLimit.getOutputStream().write(LIVENESS);
        overTheLimit.getOutputStream().flush();
        overTheLimit.setSoTimeout(UNANSWERED_WATCH_MS);
        assertThatThrownBy(() -> overTheLimit.getInputStream().read())
                .as("answered while %d connections were open", LIMIT).isInstanceOf(SocketTimeoutException.class);

        held.get(0).close();

        overTheLimit.setSoTimeout(ANSWER_TIMEOUT_MS);
        assertThat(statusLine(overTheLimit.getInputStream())).startsWith("HTTP/1.1 200");
    }

    @Test
    void the_limit_is_checked() {
        HttpSettings defaults = HttpSettings.defaults("127.0.0.1", 0);

        assertThat(defaults.maxConnections()).isEqualTo(HttpSettings.DEFAULT_MAX_CONNECTIONS);
        assertThatThrownBy(() -> defaults.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withMaxConnections(HttpSettings.MAX_MAX_CONNECTIONS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        held.add(socket);
        return socket;
    }

    /** Sends a liveness probe on a kept-alive connection; the connection stays open. */
    private static String askLiveness(Socket socket, int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        socket.getOutputStream().write(LIVENESS);
        socket.getOutputStream().flush();
        return statusLine(socket.getInputStream());
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int read = in.read(); read != -1 && read != '\n'; read = in.read()) {
            line.append((char) read);
        }
        return line.toString().strip();
    }
}

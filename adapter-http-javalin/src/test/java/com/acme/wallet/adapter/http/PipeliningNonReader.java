package com.acme.wallet.adapter.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that pipelines many writes on one connection and never reads a reply: once the replies
 * fill its receive buffer and the server's send buffer, the server's write of the next reply blocks.
 * It writes on a thread of its own, which blocks in turn once the server stops reading; closing
 * the client ends that thread.
 */
final class PipeliningNonReader implements AutoCloseable {

    /** A small receive buffer, so that the replies fill the TCP buffers sooner. */
    private static final int RECEIVE_BUFFER_BYTES = 4_096;

    /** Long ids make long replies (both are echoed), so fewer requests fill the buffers. */
    private static final String REFERENCE_PREFIX = "slow-reader-reply-".repeat(6);

    private final Socket socket = new Socket();
    private final String userId;
    private final int requests;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Thread writer;

    private PipeliningNonReader(String userId, int requests) {
        this.userId = userId;
        this.requests = requests;
        this.writer = new Thread(this::writeAll, "pipelining-non-reader");
    }

    /**
     * Connects and starts writing requests that each add 1 cent to the wallet.
     *
     * @param port the API's port
     * @param userId the wallet, which must exist
     * @param requests how many requests to pipeline
     */
    static PipeliningNonReader start(int port, String userId, int requests) throws IOException {
        PipeliningNonReader client = new PipeliningNonReader(userId, requests);
        client.socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
        client.socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        client.writer.start();
        return client;
    }

    /** {@return how many requests were written so far} */
    int written() {
        return written.get();
    }

    /** {@return whether every request was written: then the server read them all, nothing blocked} */
    boolean finishedWriting() {
        return finished.get();
    }

    private void writeAll() {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
            for (int i = 0; i < requests; i++) {
                out.write(request(i));
                if (i % 32 == 31) {
                    out.flush();
                }
                written.incrementAndGet();
            }
            out.flush();
            finished.set(true);
        } catch (IOException closed) {
            // The test closed the connection while this thread was blocked writing: its job is done.
        }
    }

    private byte[] request(int index) {
        String body = "{\"amount\":1,\"reference\":\"" + REFERENCE_PREFIX + index + "\"}";
        String head = "POST /add-funds/" + userId + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Closing with unread replies resets the connection, which fails the server's blocked write.
        socket.close();
        writer.join(10_000);
    }
}

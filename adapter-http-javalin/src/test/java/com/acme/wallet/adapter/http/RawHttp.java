package com.acme.wallet.adapter.http;

import com.acme.wallet.testsupport.OpenApiContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: request targets with
 * bytes a URI may not hold, invalid UTF-8, header values {@code java.net.http} refuses. One
 * connection per request ({@code Connection: close}), so the answer is everything until EOF.
 *
 * <p>Its requests are invalid on purpose, so only their answers are checked against the API's
 * OpenAPI document: {@link #send} fails the test on an answer the document does not list, and
 * {@link #exchange} leaves the check to a caller that collects violations itself
 * ({@link Answer#contractViolations}).
 */
final class RawHttp {

    /** The longest a raw request waits for its answer. */
    static final int READ_TIMEOUT_MS = 10_000;

    private RawHttp() {}

    /**
     * An answer as read from the wire.
     *
     * @param status the status code, or -1 if the server closed the connection without a status line
     * @param headers the headers, names in lower case, last value wins
     * @param body the body, de-chunked
     */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        /**
         * {@return what in this answer to a request invalid on purpose breaks the OpenAPI document;
         *     empty if nothing does, or if the server closed the connection without an answer}
         */
        List<String> contractViolations(String method, String target) {
            if (status < 0) {
                return List.of();
            }
            Map<String, List<String>> headerLists = new LinkedHashMap<>();
            headers.forEach((name, value) -> headerLists.put(name, List.of(value)));
            return OpenApiContract.wallet().answerViolations(method, target, status, headerLists,
                    new String(body, StandardCharsets.UTF_8));
        }

        /**
         * Fails the test if this answer to a request without a body that a well-behaved client sends
         * breaks the OpenAPI document, the request included.
         */
        void assertDocumentedAnswerTo(String method, String target) {
            Map<String, List<String>> headerLists = new LinkedHashMap<>();
            headers.forEach((name, value) -> headerLists.put(name, List.of(value)));
            OpenApiContract.assertValid(method, target, Map.of(), null, status, headerLists,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends one request, reads the whole answer and fails the test if the OpenAPI document does not
     * list it.
     *
     * @param target the request target as bytes, each char one byte (ISO-8859-1)
     * @param headers extra headers, each char one byte
     */
    static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        Answer answer = exchange(port, method, target, headers, body);
        List<String> violations = answer.contractViolations(method, target);
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n  ", violations));
        }
        return answer;
    }

    /**
     * Sends one request and reads the whole answer, unchecked: the caller checks it against the
     * OpenAPI document with {@link Answer#contractViolations}.
     *
     * @param target the request target as bytes, each char one byte (ISO-8859-1)
     * @param headers extra headers, each char one byte
     */
    static Answer exchange(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream(body.length + 512);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before reading a body it refuses; read that answer.
            }
            InputStream in = socket.getInputStream();
            return parse(in.readAllBytes(), method.equals("HEAD"));
        }
    }

    /** {@return an answer as read from the wire, each char one byte; a HEAD's has no body} */
    static Answer parse(byte[] raw, boolean head) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || headEnd < 0) {
            return new Answer(-1, Map.of(), raw);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] body = head ? new byte[0] : Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(chunked.length);
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int position = 0;
        while (position < text.length()) {
            int lineEnd = text.indexOf("\r\n", position);
            int size = Integer.parseInt(text.substring(position, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}

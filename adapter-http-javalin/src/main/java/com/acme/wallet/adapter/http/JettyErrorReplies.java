package com.acme.wallet.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers in the API's JSON error format the requests that Jetty refuses before they reach a route
 * (a malformed request line or percent-encoding, an encoded control character, conflicting length
 * headers, headers too large) or that arrive while it stops. Jetty would otherwise answer them with
 * an HTML page, and clients of this API read every error as
 * {@code {"success":false,"msg":...,"code":...}}. Jetty's own message and cause are not shown: they
 * may name internal classes.
 */
final class JettyErrorReplies extends ErrorHandler {

    private final ObjectMapper mapper;

    JettyErrorReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.UNAVAILABLE) {
            // Jetty answers 503 while it stops gracefully; like every 503 of the API, it invites a retry.
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Replies.RETRY_AFTER_SECONDS);
        }
        byte[] body = mapper.writeValueAsBytes(
                new Bodies.ErrorResponse("the HTTP request was refused: " + HttpStatus.getMessage(status), code));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // Jetty closes the connection after a request it refused, but without this header a keep-alive
        // client reuses it, and its next request, possibly a write, then fails with no answer at all
        // (found by BadInputFuzzTest).
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

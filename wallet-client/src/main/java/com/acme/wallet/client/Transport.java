package com.acme.wallet.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Sends one request and reads at most a bounded answer; tells the listener about every exchange.
 * A failed exchange completes the future with its {@link IOException}. Every request carries the
 * caller's bearer token, if it has one; the listener sees the header redacted.
 */
final class Transport {

    /** What the call sends: a method, a path with its query, and a JSON body or none. */
    record Request(String method, String pathAndQuery, Optional<String> jsonBody) {}

    /** An HTTP answer, its body read whole (it is never larger than the client's limit). */
    record Response(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .flatMap(header -> header.getValue().stream()).findFirst();
        }
    }

    private final HttpClient http;
    private final URI baseUri;
    private final int maxResponseBytes;
    private final ExchangeListener listener;
    private final Optional<BearerAuthorization> authorization;

    Transport(HttpClient http, URI baseUri, int maxResponseBytes, ExchangeListener listener,
            Optional<BearerAuthorization> authorization) {
        this.http = http;
        this.baseUri = baseUri;
        this.maxResponseBytes = maxResponseBytes;
        this.listener = listener;
        this.authorization = authorization;
    }

    Transport listenedToAlsoBy(ExchangeListener another) {
        return new Transport(http, baseUri, maxResponseBytes, listener.andThen(another), authorization);
    }

    boolean authorized() {
        return authorization.isPresent();
    }

    URI baseUri() {
        return baseUri;
    }

    /**
     * Sends the request once.
     *
     * @param request what to send
     * @param headers the headers to set, such as the request id
     * @param timeout the longest wait for the whole answer
     * @return the answer; failed with the supplier's exception, nothing sent, when the token
     *     supplier throws or gives an invalid token
     */
    CompletableFuture<Response> send(Request request, Map<String, String> headers, Duration timeout) {
        URI uri = URI.create(baseUri.toString().replaceAll("/+$", "") + request.pathAndQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        headers.forEach(builder::header);
        try {
            authorization.ifPresent(bearer -> builder.header(BearerAuthorization.HEADER, bearer.headerValue()));
        } catch (RuntimeException noToken) {
            return CompletableFuture.failedFuture(noToken);
        }
        String body = request.jsonBody().orElse("");
        if (request.jsonBody().isPresent()) {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest httpRequest = builder.build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sending;
        try {
            sending = http.sendAsync(httpRequest, ignored -> new BoundedBody(maxResponseBytes));
        } catch (RuntimeException refused) {
            sending = CompletableFuture.failedFuture(new IOException("the request could not be sent: " + refused, refused));
        }
        return sending.handle((response, failure) -> {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Map<String, List<String>> sentHeaders = BearerAuthorization.redacted(httpRequest.headers().map());
            if (failure != null) {
                Throwable cause = unwrap(failure);
                listener.onExchange(new Exchange(request.method(), uri, sentHeaders, body, Exchange.NO_ANSWER, Map.of(), "",
                        Optional.of(cause), elapsed));
                throw new CompletionException(cause instanceof IOException ? cause : new IOException(cause));
            }
            Map<String, List<String>> received = new LinkedHashMap<>(response.headers().map());
            listener.onExchange(new Exchange(request.method(), uri, sentHeaders, body, response.statusCode(), received,
                    response.body(), Optional.empty(), elapsed));
            return new Response(response.statusCode(), received, response.body());
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Collects an answer's body as UTF-8, and fails the exchange once it passes the limit. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<String> {

        private final int maxBytes;
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private final List<ByteBuffer> parts = new ArrayList<>();
        private Flow.Subscription subscription;
        private int received;

        BoundedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("the answer's body is over " + maxBytes + " bytes"));
                    return;
                }
                parts.add(buffer);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            byte[] bytes = new byte[received];
            int at = 0;
            for (ByteBuffer part : parts) {
                int length = part.remaining();
                part.get(bytes, at, length);
                at += length;
            }
            body.complete(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}

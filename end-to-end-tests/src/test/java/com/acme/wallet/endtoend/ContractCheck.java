package com.acme.wallet.endtoend;

import com.acme.wallet.client.Exchange;
import com.acme.wallet.client.ExchangeListener;
import com.acme.wallet.testsupport.OpenApiContract;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every exchange the end-to-end tests make with a REST API, checked against its OpenAPI document
 * ({@link OpenApiContract}). Sending only keeps the exchange; the checks run after each test (and
 * after each class, for exchanges of its set-up), off the clients' threads, so that they slow no
 * request of the fault harness's timed scenarios. Registered for every test class of this module by
 * JUnit's extension auto-detection ({@code junit-platform.properties}).
 */
public final class ContractCheck implements AfterEachCallback, AfterAllCallback {

    /**
     * The most exchanges kept between two checks: a fault harness run makes tens of thousands. The
     * ones past it are counted, not checked; a test that makes more is checked on its first ones.
     */
    static final int MAX_KEPT = 200_000;

    /** The most violations listed in a failure; all are counted. */
    private static final int MAX_LISTED = 20;

    private static final ConcurrentLinkedQueue<Kept> KEPT = new ConcurrentLinkedQueue<>();
    private static final AtomicLong KEPT_COUNT = new AtomicLong();
    private static final AtomicLong UNCHECKED = new AtomicLong();

    /** One exchange to check; {@code invalidOnPurpose} checks the answer alone. */
    private record Kept(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
            String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
            boolean invalidOnPurpose) {}

    /** {@return a listener that keeps each answered exchange of a client for the check} */
    static ExchangeListener listener() {
        return exchange -> {
            if (exchange.answered()) {
                keep(new Kept(exchange.method(), pathAndQuery(exchange.uri()), exchange.requestHeaders(),
                        exchange.requestBody(), exchange.status(), exchange.responseHeaders(), exchange.responseBody(),
                        false));
            }
        };
    }

    /**
     * Keeps an exchange the tests made without the client.
     *
     * @param invalidOnPurpose the request breaks the document on purpose: only its answer is checked
     */
    static void keep(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody, int status,
            Map<String, List<String>> responseHeaders, String responseBody, boolean invalidOnPurpose) {
        keep(new Kept(method, pathAndQuery(uri), requestHeaders, requestBody, status, responseHeaders, responseBody,
                invalidOnPurpose));
    }

    private static void keep(Kept exchange) {
        if (KEPT_COUNT.incrementAndGet() > MAX_KEPT) {
            KEPT_COUNT.decrementAndGet();
            UNCHECKED.incrementAndGet();
            return;
        }
        KEPT.add(exchange);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        checkKept();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        checkKept();
    }

    private static void checkKept() {
        List<String> violations = drainViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " violation(s) of the OpenAPI document:\n"
                    + String.join("\n", violations.subList(0, Math.min(MAX_LISTED, violations.size()))));
        }
    }

    /** {@return the violations of every exchange kept since the last check, which it forgets} */
    static List<String> drainViolations() {
        OpenApiContract contract = OpenApiContract.wallet();
        List<String> violations = new ArrayList<>();
        long checked = 0;
        for (Kept exchange = KEPT.poll(); exchange != null; exchange = KEPT.poll()) {
            KEPT_COUNT.decrementAndGet();
            checked++;
            List<String> found = exchange.invalidOnPurpose()
                    ? contract.answerViolations(exchange.method(), exchange.pathAndQuery(), exchange.status(),
                            exchange.responseHeaders(), exchange.responseBody())
                    : contract.violations(exchange.method(), exchange.pathAndQuery(), exchange.requestHeaders(),
                            exchange.requestBody(), exchange.status(), exchange.responseHeaders(),
                            exchange.responseBody());
            for (String violation : found) {
                violations.add(exchange.method() + " " + exchange.pathAndQuery() + " -> " + exchange.status() + ": "
                        + violation + " (answer: " + abbreviate(exchange.responseBody()) + ")");
            }
        }
        long unchecked = UNCHECKED.getAndSet(0);
        if (unchecked > 0) {
            System.out.printf("ContractCheck: checked %d exchanges; %d more were past the limit of %d and not checked%n",
                    checked, unchecked, MAX_KEPT);
        }
        return violations;
    }

    private static String pathAndQuery(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}

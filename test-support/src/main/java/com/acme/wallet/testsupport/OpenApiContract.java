package com.acme.wallet.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The wallet's HTTP contract, for tests: checks an exchange (a request and the answer it got)
 * against the OpenAPI document the REST API serves at {@code /openapi.json}, read from the class
 * path ({@value #WALLET_DOCUMENT}, in {@code adapter-http-javalin}), and fails with every violation
 * named. Any test client calls it once per exchange:
 *
 * <pre>{@code
 * OpenApiContract.assertValid("POST", "/add-funds/andrei", requestHeaders, "{\"amount\":10,\"reference\":\"r-1\"}",
 *         201, responseHeaders, responseBody);
 * }</pre>
 *
 * <p>Strict: a member a schema does not define, a required member or header missing, a status the
 * operation does not list, a content type it does not list, a query parameter it does not take:
 * each is a violation.
 *
 * <p>Two checks, chosen by name: {@link #assertValid} for a request a well-behaved client sends
 * (the request must match the document too); {@link #assertValidAnswerToInvalidRequest} for a request
 * a test makes invalid on purpose (bad JSON, a bad path, an oversized body), whose answer must still
 * be one the document lists: the operation's, or one of the answers to requests no operation takes
 * (the document's {@code x-unrouted-responses}: no such route, method not allowed, refused before
 * routing).
 *
 * <p>A {@code HEAD} is checked as the {@code GET} of its path whose answer has no body, as HTTP
 * defines it.
 *
 * <p>The document is a resource of {@code adapter-http-javalin}: a module whose tests use this class
 * and do not have that module on their class path already declares it in test scope.
 *
 * <p>Thread-safe; the document is read once per class loader.
 */
public final class OpenApiContract {

    /** Where the REST API's document is on the class path. */
    public static final String WALLET_DOCUMENT = "com/acme/wallet/adapter/http/openapi.json";

    /** The path the unrouted answers are validated under, in a copy of the document that has no other. */
    static final String UNROUTED_PATH = "/unrouted";

    private final OpenApiInteractionValidator operations;
    private final OpenApiInteractionValidator unrouted;

    private OpenApiContract(String openApi30Document, String unroutedDocument) {
        this.operations = validatorOf(openApi30Document);
        this.unrouted = validatorOf(unroutedDocument);
    }

    /** {@return the contract of the REST API, read once} */
    public static OpenApiContract wallet() {
        return WalletContract.INSTANCE;
    }

    /**
     * {@return the contract of an OpenAPI 3.1 document in JSON on the class path}
     *
     * @param resource the document's class path resource
     * @throws IllegalStateException if it is missing, or uses OpenAPI 3.1 beyond what the validator reads
     */
    public static OpenApiContract fromClasspath(String resource) {
        OpenApi31Document document = OpenApi31Document.fromClasspath(resource);
        return new OpenApiContract(document.asOpenApi30(), document.unroutedAsOpenApi30(UNROUTED_PATH));
    }

    /**
     * Checks an exchange of a well-behaved client against the REST API's document: the request
     * must be one an operation takes, and the answer one that operation lists.
     *
     * @param method the request's method, such as {@code GET}
     * @param pathAndQuery the request target as sent, percent-encoded, with its query string if any
     * @param requestHeaders the request's headers (names in any case); may be empty
     * @param requestBody the request's body, or null or empty for none
     * @param status the answer's status
     * @param responseHeaders the answer's headers (names in any case), Content-Type among them
     * @param responseBody the answer's body, or null or empty for none
     * @throws AssertionError naming every violation
     */
    public static void assertValid(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
            String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {
        throwIfAny(wallet().violations(method, pathAndQuery, requestHeaders, requestBody, status, responseHeaders,
                responseBody));
    }

    /**
     * Checks the answer to a request a test made invalid on purpose against the REST API's
     * document: the request itself is not checked, and the answer must be one the request's
     * operation lists, or one the document lists for requests that no operation takes.
     *
     * @param method the request's method
     * @param pathAndQuery the request target as sent
     * @param status the answer's status
     * @param responseHeaders the answer's headers, Content-Type among them
     * @param responseBody the answer's body, or null or empty for none
     * @throws AssertionError naming every violation
     */
    public static void assertValidAnswerToInvalidRequest(String method, String pathAndQuery, int status,
            Map<String, List<String>> responseHeaders, String responseBody) {
        throwIfAny(wallet().answerViolations(method, pathAndQuery, status, responseHeaders, responseBody));
    }

    /**
     * {@return every violation of an exchange of a well-behaved client, empty if there is none}
     *
     * @see #assertValid
     */
    public List<String> violations(String method, String pathAndQuery, Map<String, List<String>> requestHeaders,
            String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {
        List<String> violations = new ArrayList<>();
        Target target = Target.of(pathAndQuery);
        if (!target.wellEncoded()) {
            violations.add("request: the query string is not validly percent-encoded");
        }
        try {
            violations.addAll(errors("request", operations.validateRequest(request(method, target, requestHeaders,
                    requestBody))));
        } catch (IllegalArgumentException malformed) {
            // The validator decodes path parameters with URLDecoder, which throws on a bad escape.
            violations.add("request: the path is not validly percent-encoded: " + malformed.getMessage());
        }
        violations.addAll(answerErrors("answer", operations, target.path(), method(method),
                response(status, responseHeaders, responseBody)));
        return describe(method, pathAndQuery, status, responseBody, violations);
    }

    /**
     * {@return every violation of the answer to a request invalid on purpose, empty if there is none}
     *
     * @see #assertValidAnswerToInvalidRequest
     */
    public List<String> answerViolations(String method, String pathAndQuery, int status,
            Map<String, List<String>> responseHeaders, String responseBody) {
        Target target = Target.of(pathAndQuery);
        SimpleResponse response = response(status, responseHeaders, responseBody);
        Request.Method known = knownMethod(method);
        List<String> asOperation = known == null ? List.of("answer: " + method + " is no HTTP method")
                : answerErrors("answer", operations, target.path(), known, response);
        if (asOperation.isEmpty()) {
            return List.of();
        }
        // A request line the server could not read has no method: its answer is checked as one to a GET of no route.
        List<String> asUnrouted = answerErrors("unrouted answer", unrouted, UNROUTED_PATH,
                known == null ? Request.Method.GET : known, response);
        if (asUnrouted.isEmpty()) {
            return List.of();
        }
        List<String> violations = new ArrayList<>(asOperation);
        violations.addAll(asUnrouted);
        return describe(method, pathAndQuery, status, responseBody, violations);
    }

    private static OpenApiInteractionValidator validatorOf(String document) {
        // Every finding is an error: the library's defaults ignore some (an unexpected query parameter).
        LevelResolver strict = LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build();
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).withLevelResolver(strict).build();
    }

    /** The answer's errors; a HEAD's as those of a GET without its body. */
    private static List<String> answerErrors(String part, OpenApiInteractionValidator validator, String path,
            Request.Method method, SimpleResponse response) {
        if (method != Request.Method.HEAD) {
            return errors(part, validator.validateResponse(path, method, response));
        }
        ValidationReport asGet = validator.validateResponse(path, Request.Method.GET, response);
        return errors(part, ValidationReport.from(asGet.getMessages().stream()
                .filter(message -> !message.getKey().equals("validation.response.body.missing")).toList()));
    }

    private static SimpleRequest request(String method, Target target, Map<String, List<String>> headers,
            String body) {
        Request.Method known = method(method);
        SimpleRequest.Builder request = new SimpleRequest.Builder(
                known == Request.Method.HEAD ? Request.Method.GET : known, target.path());
        headers.forEach(request::withHeader);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        target.query().forEach(request::withQueryParam);
        return request.build();
    }

    private static SimpleResponse response(int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        return response.build();
    }

    private static Request.Method method(String method) {
        Request.Method known = knownMethod(method);
        if (known == null) {
            throw new IllegalArgumentException(method + " is no HTTP method the document could describe");
        }
        return known;
    }

    private static Request.Method knownMethod(String method) {
        for (Request.Method known : Request.Method.values()) {
            if (known.name().equals(method.toUpperCase(Locale.ROOT))) {
                return known;
            }
        }
        return null;
    }

    private static List<String> errors(String part, ValidationReport report) {
        List<String> errors = new ArrayList<>();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                errors.add(part + ": " + message.getMessage() + " [" + message.getKey() + "]"
                        + (message.getAdditionalInfo().isEmpty() ? "" : " " + message.getAdditionalInfo()));
            }
        }
        return errors;
    }

    private static List<String> describe(String method, String pathAndQuery, int status, String responseBody,
            List<String> violations) {
        if (violations.isEmpty()) {
            return List.of();
        }
        List<String> described = new ArrayList<>(violations.size() + 1);
        described.add(method + " " + pathAndQuery + " answered " + status + " " + abbreviated(responseBody)
                + " breaks the OpenAPI document:");
        described.addAll(violations);
        return List.copyOf(described);
    }

    private static String abbreviated(String body) {
        String text = Objects.requireNonNullElse(body, "");
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void throwIfAny(List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError(String.join("\n  ", violations));
        }
    }

    /**
     * A request target split into its path (still encoded) and its decoded query parameters; a
     * fragment ({@code #...}), which no server receives as part of the target, is left out as the
     * server leaves it out.
     */
    private record Target(String path, Map<String, List<String>> query, boolean wellEncoded) {

        static Target of(String target) {
            int fragment = target.indexOf('#');
            String pathAndQuery = fragment < 0 ? target : target.substring(0, fragment);
            int mark = pathAndQuery.indexOf('?');
            if (mark < 0) {
                return new Target(pathAndQuery, Map.of(), true);
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            boolean wellEncoded = true;
            for (String pair : pathAndQuery.substring(mark + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                wellEncoded &= isWellEncoded(name) && isWellEncoded(value);
                query.computeIfAbsent(Objects.requireNonNullElse(decoded(name), name), unused -> new ArrayList<>())
                        .add(Objects.requireNonNullElse(decoded(value), value));
            }
            return new Target(pathAndQuery.substring(0, mark), query, wellEncoded);
        }

        private static boolean isWellEncoded(String text) {
            return decoded(text) != null;
        }

        /** {@return the text decoded as a query string's part (+ is a space), or null if it is not validly encoded} */
        private static String decoded(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
    }

    /** Reads the REST API's document once, when first asked for. */
    private static final class WalletContract {
        static final OpenApiContract INSTANCE = fromClasspath(WALLET_DOCUMENT);
    }
}

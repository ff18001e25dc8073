package com.acme.wallet.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's contract, an OpenAPI 3.1 document written by hand and kept beside the code that serves
 * it ({@value #RESOURCE} on the class path), answered at {@value #PATH} exactly as stored.
 *
 * <p>It is read and parsed once, when the API is created, so that a document that is missing or is
 * not a JSON object stops the program at startup rather than answering a broken contract later.
 */
final class OpenApiDocument {

    /** Where the document is on the class path; tests validate requests and answers against it. */
    static final String RESOURCE = "com/acme/wallet/adapter/http/openapi.json";
    /** The route that answers it. */
    static final String PATH = "/openapi.json";
    /** Its media type. */
    static final String CONTENT_TYPE = "application/json";

    private final byte[] bytes;

    private OpenApiDocument(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * {@return the document, read from the class path}
     *
     * @param mapper the strict mapper it is checked with: no duplicate key, nothing after the object
     * @throws IllegalStateException if it is missing or not an OpenAPI 3.1 document in JSON
     */
    static OpenApiDocument load(ObjectMapper mapper) {
        byte[] bytes;
        try (InputStream stream = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (stream == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the class path");
            }
            bytes = stream.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("could not read the OpenAPI document " + RESOURCE, unreadable);
        }
        JsonNode document;
        try {
            document = mapper.readTree(bytes);
        } catch (IOException malformed) {
            throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not valid JSON", malformed);
        }
        if (document == null || !document.path("openapi").asText().startsWith("3.1.")) {
            throw new IllegalStateException("the OpenAPI document " + RESOURCE + " does not declare OpenAPI 3.1");
        }
        return new OpenApiDocument(bytes);
    }

    /**
     * Answers {@code GET /openapi.json}; Javalin reads the shared bytes through a stream of its own and
     * never writes them.
     */
    void answer(Context ctx) {
        ctx.status(200).contentType(CONTENT_TYPE).result(bytes);
    }
}

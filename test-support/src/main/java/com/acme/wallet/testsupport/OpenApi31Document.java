package com.acme.wallet.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenAPI 3.1 document handed to a validator that reads OpenAPI 3.0 only.
 *
 * <p>swagger-request-validator 2.x, the newest line that runs on Java 17, validates schemas as
 * OpenAPI 3.0 (JSON Schema draft 4) does: given a document that says 3.1, it silently drops
 * {@code type} and {@code additionalProperties} from every schema (seen in a probe), so that every
 * body would pass. The wallet's document therefore keeps to the part of OpenAPI 3.1 that means the
 * same in 3.0, and this class hands the validator that part as 3.0: it changes the version line and
 * writes a nullable type, {@code "type": ["string", "null"]}, as {@code "type": "string",
 * "nullable": true}. Any keyword of 3.1 that 3.0 would read differently or ignore is refused,
 * naming where it is, so that nothing of the contract goes unchecked without anyone noticing.
 */
final class OpenApi31Document {

    /** Keywords of OpenAPI 3.1 (JSON Schema 2020-12) that a 3.0 validator ignores or reads otherwise. */
    private static final Set<String> ONLY_IN_31 = Set.of("const", "prefixItems", "$defs", "$schema", "$id",
            "$anchor", "$dynamicRef", "$dynamicAnchor", "dependentRequired", "dependentSchemas",
            "unevaluatedProperties", "unevaluatedItems", "if", "then", "else", "contentMediaType", "contentEncoding",
            "contentSchema", "propertyNames", "contains", "minContains", "maxContains", "patternProperties",
            "webhooks", "jsonSchemaDialect", "examples");
    private static final Set<String> UNROUTED_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String UNROUTED_RESPONSES = "x-unrouted-responses";
    private static final Set<String> NAMES_NOT_KEYWORDS = Set.of("properties", "paths", "responses", "schemas",
            "parameters", "headers", "content", "examples", "securitySchemes", "requestBodies", "links", "callbacks");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String resource;
    private final ObjectNode document;

    private OpenApi31Document(String resource, ObjectNode document) {
        this.resource = resource;
        this.document = document;
    }

    /**
     * {@return the document in this class path resource}
     *
     * @throws IllegalStateException if it is missing, not OpenAPI 3.1 or not JSON
     */
    static OpenApi31Document fromClasspath(String resource) {
        try (InputStream stream = OpenApi31Document.class.getClassLoader().getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return of(resource, JSON.readTree(stream));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("could not read " + resource, unreadable);
        }
    }

    /** {@return the document given as JSON text, named for messages} */
    static OpenApi31Document of(String name, String json) {
        try {
            return of(name, JSON.readTree(json));
        } catch (IOException notJson) {
            throw new UncheckedIOException(name + " is not JSON", notJson);
        }
    }

    private static OpenApi31Document of(String name, JsonNode json) {
        if (!(json instanceof ObjectNode document) || !document.path("openapi").asText().startsWith("3.1.")) {
            throw new IllegalStateException(name + " is not an OpenAPI 3.1 document");
        }
        return new OpenApi31Document(name, document);
    }

    /**
     * {@return the document as OpenAPI 3.0, in JSON}
     *
     * @throws IllegalStateException naming each use of OpenAPI 3.1 that 3.0 would not read alike
     */
    String asOpenApi30() {
        return converted().toString();
    }

    /**
     * {@return the document as OpenAPI 3.0 with one path only, whose every method lists the answers
     *     of the document's {@value #UNROUTED_RESPONSES}: those to requests no operation takes}
     *
     * @param path the one path
     */
    String unroutedAsOpenApi30(String path) {
        JsonNode responses = document.get(UNROUTED_RESPONSES);
        if (responses == null || !responses.isObject() || responses.isEmpty()) {
            throw new IllegalStateException(resource + " lists no " + UNROUTED_RESPONSES);
        }
        ObjectNode operations = JSON.createObjectNode();
        for (String method : UNROUTED_METHODS) {
            operations.putObject(method).set("responses", responses.deepCopy());
        }
        ObjectNode unrouted = converted();
        unrouted.putObject("paths").set(path, operations);
        return unrouted.toString();
    }

    private ObjectNode converted() {
        ObjectNode converted = document.deepCopy();
        List<String> refused = new ArrayList<>();
        convert(converted, "", false, refused);
        if (!refused.isEmpty()) {
            throw new IllegalStateException(resource + " uses OpenAPI 3.1 that the validator cannot check: " + refused);
        }
        converted.put("openapi", "3.0.3");
        return converted;
    }

    /** Rewrites nullable types in place and collects the keywords of 3.1 that 3.0 would not read alike. */
    private static void convert(JsonNode node, String pointer, boolean namesOnly, List<String> refused) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                convert(array.get(i), pointer + "/" + i, false, refused);
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String at = pointer + "/" + name;
            if (!namesOnly && ONLY_IN_31.contains(name) && !isExamplesOfAMediaType(pointer, name)) {
                refused.add(at);
            }
            if (!namesOnly && (name.equals("exclusiveMinimum") || name.equals("exclusiveMaximum"))
                    && !field.getValue().isBoolean()) {
                refused.add(at);
            }
            // The members of "properties", "responses", "paths" and the like are names, not keywords.
            convert(field.getValue(), at, !namesOnly && NAMES_NOT_KEYWORDS.contains(name), refused);
        }
        if (!namesOnly && object.get("type") instanceof ArrayNode types) {
            nullableType(object, types, pointer, refused);
        }
    }

    private static void nullableType(ObjectNode schema, ArrayNode types, String pointer, List<String> refused) {
        List<String> named = new ArrayList<>();
        types.forEach(type -> named.add(type.asText()));
        if (named.size() != 2 || !named.contains("null")) {
            refused.add(pointer + "/type " + named);
            return;
        }
        named.remove("null");
        schema.put("type", named.get(0));
        schema.put("nullable", true);
    }

    private static boolean isExamplesOfAMediaType(String pointer, String name) {
        return name.equals("examples") && pointer.contains("/content/");
    }
}

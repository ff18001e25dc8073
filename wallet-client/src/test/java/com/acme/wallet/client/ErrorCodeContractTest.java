package com.acme.wallet.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The client's named error codes and recorded refusals are the ones the API's OpenAPI document lists. */
class ErrorCodeContractTest {

    private static final String DOCUMENT = "com/acme/wallet/adapter/http/openapi.json";

    @Test
    void every_code_of_the_document_has_a_constant_and_every_constant_is_in_the_document() throws Exception {
        Set<String> documented = enumOf("ErrorCode");
        List<String> named = new ArrayList<>();
        for (Field field : ErrorCode.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ErrorCode.class
                    && field.get(null) != ErrorCode.NONE) {
                named.add(((ErrorCode) field.get(null)).value());
            }
        }

        assertThat(named).containsExactlyInAnyOrderElementsOf(documented.stream()
                .filter(code -> !code.equals("internal_error") && !code.equals("unavailable")).toList());
    }

    @Test
    void the_recorded_refusals_are_the_document_s() throws IOException {
        assertThat(enumOf("RefusalCode")).allSatisfy(code -> assertThat(new ErrorCode(code).recorded()).isTrue())
                .hasSize((int) enumOf("ErrorCode").stream().filter(code -> new ErrorCode(code).recorded()).count());
    }

    private static Set<String> enumOf(String schema) throws IOException {
        try (InputStream document = ErrorCodeContractTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(document).as(DOCUMENT + " on the class path").isNotNull();
            JsonNode values = new ObjectMapper().readTree(document).at("/components/schemas/" + schema + "/enum");
            return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
        }
    }
}

package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end tests' check of each exchange against the OpenAPI document finds what breaks it. */
class ContractCheckTest {

    private static final URI WALLET = URI.create("http://127.0.0.1:8081/wallet/alice");
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "X-Request-Id", List.of("test-1"));

    @Test
    void an_answer_with_a_member_the_document_does_not_define_is_a_violation_and_a_documented_one_is_not() {
        ContractCheck.keep("GET", WALLET, Map.of(), "", 200, JSON, "{\"userId\":\"alice\",\"balance\":100}", false);
        assertThat(ContractCheck.drainViolations()).isEmpty();

        ContractCheck.keep("GET", WALLET, Map.of(), "", 200, JSON,
                "{\"userId\":\"alice\",\"balance\":100,\"overdraft\":5}", false);
        assertThat(ContractCheck.drainViolations()).isNotEmpty().allSatisfy(violation -> assertThat(violation)
                .startsWith("GET /wallet/alice -> 200: ")).anySatisfy(violation -> assertThat(violation)
                .contains("overdraft"));
    }

    @Test
    void a_request_invalid_on_purpose_is_judged_by_its_answer_alone() {
        URI noRoute = URI.create("http://127.0.0.1:8081/no/such/route");
        String notFound = "{\"success\":false,\"msg\":\"no such route\",\"code\":\"not_found\"}";

        ContractCheck.keep("GET", noRoute, Map.of(), "", 404, JSON, notFound, true);
        assertThat(ContractCheck.drainViolations()).isEmpty();

        ContractCheck.keep("GET", noRoute, Map.of(), "", 404, JSON, notFound, false);
        assertThat(ContractCheck.drainViolations()).isNotEmpty();
    }
}

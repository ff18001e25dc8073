package com.acme.wallet.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenApi31DocumentTest {

    private static final String HEAD = "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"t\",\"version\":\"1\"},";

    @Test
    void a_nullable_type_is_handed_over_as_the_nullable_of_openapi_3_0() {
        OpenApi31Document document = OpenApi31Document.of("nullable", HEAD + "\"paths\":{},\"components\":{\"schemas\":"
                + "{\"Page\":{\"type\":\"object\",\"properties\":{\"next\":{\"type\":[\"string\",\"null\"]}}}}}}");

        assertThat(document.asOpenApi30()).contains("\"openapi\":\"3.0.3\"")
                .contains("\"next\":{\"type\":\"string\",\"nullable\":true}");
    }

    @Test
    void a_keyword_that_openapi_3_0_would_ignore_is_refused_with_where_it_is() {
        OpenApi31Document document = OpenApi31Document.of("const", HEAD + "\"paths\":{},\"components\":{\"schemas\":"
                + "{\"Flag\":{\"type\":\"object\",\"properties\":{\"on\":{\"const\":true}}}}}}");

        assertThatThrownBy(document::asOpenApi30).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/components/schemas/Flag/properties/on/const");
    }

    @Test
    void a_type_list_other_than_one_type_or_null_is_refused() {
        OpenApi31Document document = OpenApi31Document.of("types", HEAD + "\"paths\":{},\"components\":{\"schemas\":"
                + "{\"Either\":{\"type\":[\"string\",\"integer\"]}}}}");

        assertThatThrownBy(document::asOpenApi30).hasMessageContaining("/components/schemas/Either/type");
    }

    @Test
    void a_member_named_like_a_keyword_is_a_name_not_a_keyword() {
        OpenApi31Document document = OpenApi31Document.of("names", HEAD + "\"paths\":{},\"components\":{\"schemas\":"
                + "{\"Rule\":{\"type\":\"object\",\"properties\":{\"const\":{\"type\":\"string\"},"
                + "\"if\":{\"type\":\"string\"}}}}}}");

        assertThat(document.asOpenApi30()).contains("\"const\":{\"type\":\"string\"}");
    }

    @Test
    void the_unrouted_answers_become_the_only_path_for_every_method() {
        OpenApi31Document document = OpenApi31Document.of("unrouted", HEAD + "\"paths\":{\"/a\":{}},"
                + "\"x-unrouted-responses\":{\"404\":{\"description\":\"no route\"}}}");

        assertThat(document.unroutedAsOpenApi30("/unrouted")).contains("\"paths\":{\"/unrouted\":{")
                .doesNotContain("\"/a\"")
                .contains("\"delete\":{\"responses\":{\"404\":{\"description\":\"no route\"}}}");
    }

    @Test
    void a_document_of_another_version_is_refused() {
        assertThatThrownBy(() -> OpenApi31Document.of("old", "{\"openapi\":\"3.0.3\"}"))
                .hasMessageContaining("not an OpenAPI 3.1 document");
    }
}

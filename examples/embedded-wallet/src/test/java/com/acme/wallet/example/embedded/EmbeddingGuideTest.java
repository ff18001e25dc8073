package com.acme.wallet.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the embedding guide (README.md) and the code it shows as one: every snippet in the guide is
 * a region of this module's compiled sources, marked {@code // snippet:NAME} ... {@code // end-snippet},
 * and the guide shows each region exactly, so an edit of either fails the build until both agree.
 */
class EmbeddingGuideTest {

    private static final Path GUIDE = Path.of("README.md");
    private static final List<Path> SOURCES = List.of(
            Path.of("src/main/java/com/acme/wallet/example/embedded/InMemoryWalletService.java"),
            Path.of("src/test/java/com/acme/wallet/example/embedded/InMemoryWalletServiceTest.java"));

    private static final Pattern REGION = Pattern.compile(
            "^[ \\t]*// snippet:([a-z-]+)\\n(.*?)^[ \\t]*// end-snippet\\n", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern LIMIT_ROW = Pattern.compile(
            "^\\| `([A-Za-z]+)\\.([A-Z_]+)` \\| ([0-9,]+) \\|", Pattern.MULTILINE);
    private static final Pattern GUIDE_SNIPPET = Pattern.compile(
            "^<!-- snippet:([a-z-]+) -->\\n```java\\n(.*?)^```\\n", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void every_snippet_of_the_guide_is_the_code_it_names_and_every_marked_region_is_shown() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Path source : SOURCES) {
            Matcher region = REGION.matcher(Files.readString(source));
            while (region.find()) {
                assertThat(regions.put(region.group(1), withoutCommonIndent(region.group(2))))
                        .as("snippet %s marked twice", region.group(1)).isNull();
            }
        }
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher snippet = GUIDE_SNIPPET.matcher(Files.readString(GUIDE));
        while (snippet.find()) {
            shown.put(snippet.group(1), snippet.group(2));
        }

        assertThat(regions).as("regions marked in the sources").isNotEmpty();
        assertThat(shown).as("snippets in %s, as the sources hold them", GUIDE).isEqualTo(regions);
    }

    @Test
    void every_limit_in_the_guide_is_the_domain_s_constant() throws Exception {
        Matcher row = LIMIT_ROW.matcher(Files.readString(GUIDE));
        int rows = 0;
        while (row.find()) {
            rows++;
            Class<?> owner = Class.forName("com.acme.wallet.domain." + row.group(1));
            long constant = ((Number) owner.getField(row.group(2)).get(null)).longValue();
            assertThat(Long.parseLong(row.group(3).replace(",", "")))
                    .as("%s.%s in %s", row.group(1), row.group(2), GUIDE).isEqualTo(constant);
        }
        assertThat(rows).as("limits listed in %s", GUIDE).isGreaterThanOrEqualTo(10);
    }

    private static String withoutCommonIndent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}

package com.acme.wallet.adapter.postgres;

import com.acme.wallet.domain.Metadata;
import java.util.Map;

/**
 * Metadata as the JSON text PostgreSQL parses into {@code transactions.metadata} (jsonb). Only
 * written here: it is read back key by key with {@code jsonb_each_text}, so no JSON parser is
 * needed. Escapes what RFC 8259 requires (quotation mark, reverse solidus, U+0000 to U+001F);
 * every other character is written as it is, which PgJDBC sends as UTF-8.
 */
final class MetadataJson {

    private MetadataJson() {}

    /** {@return the metadata as a JSON object of strings, or null for none} */
    static String encode(Metadata metadata) {
        if (metadata == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(2 + 8 * metadata.entries().size());
        json.append('{');
        for (Map.Entry<String, String> entry : metadata.entries().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, entry.getKey());
            json.append(':');
            appendString(json, entry.getValue());
        }
        return json.append('}').toString();
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (character == '"' || character == '\\') {
                json.append('\\').append(character);
            } else if (character < 0x20) {
                json.append(String.format("\\u%04x", (int) character));
            } else {
                json.append(character);
            }
        }
        json.append('"');
    }
}

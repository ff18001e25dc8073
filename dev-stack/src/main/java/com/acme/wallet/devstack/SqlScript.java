package com.acme.wallet.devstack;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SQL script into its statements, to run them one by one over JDBC as psql would: at
 * each semicolon outside a string ({@code '...'}), a quoted name ({@code "..."}), a dollar-quoted
 * body ({@code $$...$$}, {@code $tag$...$tag$}) and a comment ({@code --} to the line end).
 * Statements that are only comments are left out.
 */
final class SqlScript {

    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean code = false; // whether current holds more than comments and blanks
        int index = 0;
        while (index < script.length()) {
            char next = script.charAt(index);
            int end;
            if (next == '-' && script.startsWith("--", index)) {
                end = endOfLine(script, index);
            } else if (next == '\'' || next == '"') {
                end = closing(script, index, String.valueOf(next));
                code = true;
            } else if (next == '$' && dollarTag(script, index) != null) {
                end = closing(script, index, dollarTag(script, index));
                code = true;
            } else if (next == ';') {
                if (code) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                code = false;
                index++;
                continue;
            } else {
                end = index + 1;
                code |= !Character.isWhitespace(next);
            }
            current.append(script, index, end);
            index = end;
        }
        if (code) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int endOfLine(String script, int from) {
        int newline = script.indexOf('\n', from);
        return newline < 0 ? script.length() : newline + 1;
    }

    /** {@return the index after the quote that closes the one at {@code from}} */
    private static int closing(String script, int from, String quote) {
        int close = script.indexOf(quote, from + quote.length());
        if (close < 0) {
            throw new IllegalArgumentException("unclosed " + quote + " at offset " + from);
        }
        return close + quote.length();
    }

    /** {@return the dollar-quote opening at {@code from}, such as {@code $$} or {@code $body$}, or null} */
    private static String dollarTag(String script, int from) {
        int close = script.indexOf('$', from + 1);
        if (close < 0) {
            return null;
        }
        String tag = script.substring(from, close + 1);
        return tag.matches("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$") ? tag : null;
    }
}

package com.acme.wallet.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random and malformed requests for {@link BadInputFuzzTest}, all drawn from one seeded
 * {@link Random}, so a seed gives the same requests again. Request targets and header values are
 * byte strings: each char is one byte on the wire (ISO-8859-1), so they can hold invalid UTF-8.
 */
final class FuzzRequests {

    /**
     * One request to send.
     *
     * @param raw whether it must go over a raw socket ({@code java.net.http} would refuse it)
     */
    record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, boolean raw) {

        /** {@return the request in one line, for an assertion message; the body abbreviated and escaped} */
        String describe() {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + body.length + " bytes)" : text;
            return method + " " + escape(target.length() > 160 ? target.substring(0, 160) + "…" : target)
                    + (raw ? " [raw]" : "") + " " + headers + " body=" + escape(shown);
        }
    }

    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-";
    private static final String URI_LEGAL_BAD_CHARS = "!$&'()*+,;=~";
    private static final String URI_ILLEGAL_CHARS = " <>\"{}|\\^`#";
    private static final List<String> BAD_ENCODINGS = List.of(
            "%ZZ", "%", "%0", "%00", "%2F", "%5C", "%2E%2E", "%FF%FE", "%C0%AF", "%ED%A0%80", "%E2%80%AE", "%0D%0A",
            "%F0%9F%98%80", "%E2%98%98", "%20", "%09", "%7F", "%25", "%3F", "%23");
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16",
            "application/json; charset=latin1", "text/plain", "text/html", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/octet-stream",
            "", ";;;", "application/json; charset=nonsense", "*/*", "application/problem+json");
    private static final List<String> ACCEPTS = List.of(
            "*/*", "application/json", "text/html", "application/xml", "image/png", "application/json;q=0",
            "text/*;q=0.1, */*;q=0", "", "garbage///", "application/json, text/plain");

    private final Random random;
    private final List<String> walletIds;
    private final List<String> references;

    FuzzRequests(Random random, List<String> walletIds, List<String> references) {
        this.random = random;
        this.walletIds = walletIds;
        this.references = references;
    }

    /** {@return the next random request} */
    FuzzRequest next() {
        String method = random.nextInt(10) < 4 ? "POST" : pick(METHODS);
        String target = target();
        Map<String, String> headers = headers();
        byte[] body = method.equals("HEAD") || random.nextInt(10) == 0 ? new byte[0] : body();
        boolean raw = random.nextInt(8) == 0 || !isPlainAscii(target) || needsRaw(headers);
        return new FuzzRequest(method, target, headers, body, raw);
    }

    private String target() {
        String id = id();
        String target = switch (random.nextInt(21)) {
            case 18 -> "/wallet/" + id + "/transactions" + historyQuery();
            case 19 -> "/wallet/" + id + "/rounds/" + pick(List.of("r-1", "r-2", "r-3", "r-9", "%20", "r%2F1", "%ZZ",
                    "r".repeat(129))) + (random.nextBoolean() ? "" : "?" + pick(List.of("minSequence=1", "minSequence=0",
                    "minSequence=99999999999999999999", "x=1", "minSequence=1&minSequence=2")));
            case 20 -> "/wallet/" + id + "?" + pastBalanceQuery();
            case 14, 15 -> "/bet/" + id;
            case 16 -> "/win/" + id;
            case 17 -> "/rollback/" + id;
            case 0, 1, 2 -> "/wallet/" + id;
            case 3, 4, 5 -> "/add-funds/" + id;
            case 6, 7 -> "/remove-funds/" + id;
            case 8, 9 -> "/wallet/" + id + "/transactions/" + referenceSegment();
            case 10 -> pick(List.of("/health", "/", "/wallet", "/wallet/", "/add-funds/", "//wallet/" + id,
                    "/WALLET/" + id, "/wallet/" + id + "/", "/wallet/" + id + "/transactions", "/health/x"));
            case 11 -> "/add-funds/" + id + "/" + id();
            case 12 -> "/" + randomPrintable(1 + random.nextInt(40)).replace("?", "").replace("#", "");
            default -> "/wallet/" + id + "?" + pick(List.of("amount=1", "a=%ZZ", "x=" + id(), "&&=", "amount=1&amount=2"));
        };
        return target;
    }

    /** A history page's query string: a few parameters, each a good or a bad value, maybe repeated or unknown. */
    private String historyQuery() {
        int count = random.nextInt(5);
        if (count == 0) {
            return random.nextBoolean() ? "" : "?";
        }
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append(pick(List.of(
                    "limit=" + pick(List.of("1", "2", "50", "200", "0", "201", "-1", "x", "", "1e2", "99999999999")),
                    "order=" + pick(List.of("asc", "desc", "up", "ASC", "")),
                    "types=" + pick(List.of("BET", "BET,WIN", "ADD,REMOVE,BET,WIN,ROLLBACK", "ROLLBACK", "OPEN", "BET,BET",
                            "", "bet", "BET,", ",")),
                    "roundId=" + pick(List.of("r-1", "r-2", "r-9", "", "%20", "%ZZ", "r".repeat(129), "r%00")),
                    "from=" + instant(), "to=" + instant(),
                    "cursor=" + pick(List.of(randomOf(ID_CHARS.replace(".", "").replace(":", "").replace("@", ""), 35),
                            "AAAA", "", "%2F%2F", randomOf(ID_CHARS, 1 + random.nextInt(80)))),
                    "minSequence=" + pick(List.of("1", "2", "7", "0", "-1", "99999999999999999999", "x")),
                    pick(List.of("type=BET", "page=2", "=", "&", "a=%ZZ", "limit=1&limit=2")))));
        }
        return query.toString();
    }

    /** A past balance's query string: at or atSequence, good or bad, maybe both or with others. */
    private String pastBalanceQuery() {
        String point = pick(List.of("atSequence=1", "atSequence=2", "atSequence=3", "atSequence=0", "atSequence=x",
                "atSequence=99999999999999999999", "at=" + instant(), "at=", "atSequence=1&at=" + instant()));
        return random.nextBoolean() ? point : point + "&" + pick(List.of("minSequence=1", "minSequence=0", "x=1",
                "atSequence=2"));
    }

    private String instant() {
        return pick(List.of("2026-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "2999-01-01T00:00:00.123456789Z",
                "2026-01-01T00:00:00%2B02:00", "2026-01-01T00:00:00+02:00", "2026-01-01", "yesterday", "",
                "%2B10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "2026-06-01T12:00:00Z"));
    }

    private String id() {
        return switch (random.nextInt(14)) {
            case 0, 1, 2, 3, 4 -> pick(walletIds);
            case 5 -> randomOf(ID_CHARS, 1 + random.nextInt(64));
            case 6 -> randomOf(ID_CHARS, 65 + random.nextInt(200));
            case 7 -> randomOf(ID_CHARS, 1_000 + random.nextInt(9_000));
            case 8 -> percentEncodeAll(pick(walletIds));
            case 9 -> pick(walletIds) + pick(BAD_ENCODINGS) + randomOf(ID_CHARS, random.nextInt(4));
            case 10 -> randomOf(ID_CHARS, random.nextInt(5)) + randomOf(URI_LEGAL_BAD_CHARS, 1 + random.nextInt(3));
            case 11 -> randomOf(ID_CHARS, random.nextInt(5)) + randomOf(URI_ILLEGAL_CHARS, 1 + random.nextInt(3));
            case 12 -> randomBytes(1 + random.nextInt(12));
            default -> pick(List.of("", ".", "..", "%2e", "-", "@", ":"));
        };
    }

    private String referenceSegment() {
        return random.nextInt(3) == 0 ? percentEncodeAll(pick(references)) : random.nextBoolean() ? pick(references) : id();
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(10) < 7) {
            headers.put("Content-Type", pick(CONTENT_TYPES));
        }
        if (random.nextInt(3) == 0) {
            headers.put("Accept", pick(ACCEPTS));
        }
        switch (random.nextInt(12)) {
            case 0 -> headers.put("Accept-Encoding", pick(List.of("gzip", "br, deflate", "identity;q=0", "*")));
            case 1 -> headers.put("Content-Encoding", pick(List.of("gzip", "deflate", "nonsense")));
            case 2 -> headers.put("X-Fuzz", randomBytes(1 + random.nextInt(30)));
            case 3 -> headers.put("Accept-Charset", pick(List.of("utf-16", "latin1", "nonsense")));
            case 4 -> headers.put("Idempotent-Replayed", "true");
            default -> { }
        }
        return headers;
    }

    private byte[] body() {
        if (random.nextInt(25) == 0) {
            byte[] oversize = new byte[16 * 1024 + 1 + random.nextInt(4 * 1024)];
            byte[] valid = changeBody().getBytes(StandardCharsets.UTF_8);
            Arrays.fill(oversize, (byte) ' ');
            System.arraycopy(valid, 0, oversize, 0, valid.length);
            return oversize;
        }
        return switch (random.nextInt(16)) {
            case 12, 13 -> roundLegBody().getBytes(StandardCharsets.UTF_8);
            case 14 -> rollbackBody().getBytes(StandardCharsets.UTF_8);
            case 15 -> malformedBettingBody().getBytes(StandardCharsets.UTF_8);
            case 0, 1 -> changeBody().getBytes(StandardCharsets.UTF_8);
            case 2 -> truncated(changeBody());
            case 3 -> ("{\"amount\":" + amount() + ",\"reference\":" + reference() + "}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"amount\":" + amount() + "}").getBytes(StandardCharsets.UTF_8);
            case 5 -> nested().getBytes(StandardCharsets.UTF_8);
            case 6 -> randomBytes(1 + random.nextInt(300)).getBytes(StandardCharsets.ISO_8859_1);
            case 7 -> utf8WithInvalidBytes();
            case 8 -> pick(List.of("{\"amount\":1,\"amount\":2,\"reference\":\"r\"}", "{\"amount\":1,\"reference\":\"r\"} x",
                    "[]", "null", "\"text\"", "42", "{}", "{\"reference\":\"r\"}", "{\"amount\":1,\"reference\":\"r\",}",
                    "\uFEFF{\"amount\":1,\"reference\":\"r\"}", "{'amount':1,'reference':'r'}", "{\"amount\":NaN}",
                    "{\"amount\":Infinity,\"reference\":\"r\"}", "{\"amount\":01,\"reference\":\"r\"}", "{\"a\u0000\":1}",
                    "{\"amount\":1,\"reference\":\"r\"}{\"amount\":1,\"reference\":\"r\"}", "amount=1&reference=r"))
                    .getBytes(StandardCharsets.UTF_8);
            case 9 -> ("{\"amount\":" + amount() + ",\"reference\":" + reference() + ",\"extra\":" + nested() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 10 -> ("{\"amount\":" + amount() + ",\"reference\":\"" + randomUnicode(1 + random.nextInt(150)) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> ("{\"amount\":" + amount() + ",\"reference\":\"" + escapedUnicode() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private String changeBody() {
        return "{\"amount\":" + (1 + random.nextInt(500)) + ",\"reference\":\"" + pick(references) + "\"}";
    }

    /** A bet or a win a client could send: a small amount into one of a few rounds. */
    private String roundLegBody() {
        return "{\"amount\":" + random.nextInt(300) + ",\"reference\":\"" + pick(references) + "\",\"roundId\":\""
                + pick(List.of("r-1", "r-2", "r-3")) + "\",\"closesRound\":" + (random.nextInt(4) == 0)
                + (random.nextBoolean() ? ",\"metadata\":{\"game\":\"x\"}" : "") + "}";
    }

    /** A rollback a client could send: of one of the references, maybe one never sent. */
    private String rollbackBody() {
        return "{\"reference\":\"rb-" + pick(references) + "\",\"originalReference\":\"" + pick(references) + "\"}";
    }

    /** A bet, win or rollback with one part wrong: the round, closesRound, the metadata or the original. */
    private String malformedBettingBody() {
        String leg = "{\"amount\":" + amount() + ",\"reference\":" + reference();
        return switch (random.nextInt(5)) {
            case 0 -> leg + ",\"roundId\":" + pick(List.of("null", "7", "\"\"", "\"   \"", "[]", "\"\\u0001\"",
                    "\"" + "r".repeat(129) + "\"", "\"\\ud800\"")) + "}";
            case 1 -> leg + ",\"roundId\":\"r-1\",\"closesRound\":" + pick(List.of("\"true\"", "1", "null", "{}", "tru"))
                    + "}";
            case 2 -> leg + ",\"roundId\":\"r-1\",\"metadata\":" + pick(List.of("[]", "\"x\"", "null", "{\"g\":1}",
                    "{\"g\":{\"h\":\"i\"}}", "{\"\":\"x\"}", "{\"g\":\"" + "v".repeat(257) + "\"}", manyKeys(17),
                    "{\"g\":\"\\u0007\"}", nested())) + "}";
            case 3 -> "{\"reference\":" + reference() + ",\"originalReference\":" + reference() + "}";
            default -> "{\"reference\":\"same\",\"originalReference\":\"same\"}";
        };
    }

    private static String manyKeys(int count) {
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return keys.append('}').toString();
    }

    private byte[] truncated(String json) {
        return json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
    }

    private String amount() {
        return pick(List.of("0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
                "99999999999999999999999999999", "1000000000000", "1000000000001", "10.0", "10.5", "1e3", "1E400",
                "-0", "\"10\"", "true", "null", "[]", "{}", "[1]", "{\"cents\":1}", "0x10", "1_000",
                String.valueOf(1 + random.nextInt(1_000)), String.valueOf(random.nextLong()),
                String.valueOf(random.nextDouble())));
    }

    private String reference() {
        return pick(List.of("\"" + pick(references) + "\"", "null", "1", "true", "[]", "{}", "\"\"", "\"   \"",
                "\"\\u0001\"", "\"\\u00a0\"", "\"\\u202e\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"",
                "\"" + "r".repeat(129) + "\"", "\"" + "r".repeat(128) + "\"", "\"a\\nb\"", "\"\\\"quoted\\\"\""));
    }

    private String nested() {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 20 : 5_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        boolean closed = random.nextBoolean();
        return open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
    }

    private byte[] utf8WithInvalidBytes() {
        byte[] prefix = ("{\"amount\":5,\"reference\":\"" + pick(references)).getBytes(StandardCharsets.UTF_8);
        byte[] invalid = pick(List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + invalid.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(invalid, 0, body, prefix.length, invalid.length);
        System.arraycopy(suffix, 0, body, prefix.length + invalid.length, suffix.length);
        return body;
    }

    private String escapedUnicode() {
        StringBuilder escaped = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            escaped.append(String.format("\\u%04x", random.nextInt(0x10000)));
        }
        return escaped.toString();
    }

    private String randomUnicode(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int codePoint = random.nextInt(0x30000);
            if (codePoint != '"' && codePoint != '\\' && Character.isDefined(codePoint)
                    && !Character.isSurrogate((char) codePoint) || codePoint > 0xFFFF) {
                text.appendCodePoint(codePoint);
            } else if (random.nextBoolean()) {
                // A lone surrogate: Java encodes it to UTF-8 as '?', so it tests the replacement path.
                text.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return text.length() == 0 ? "x" : text.toString();
    }

    private String percentEncodeAll(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte character : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", character & 0xFF));
        }
        return encoded.toString();
    }

    private String randomOf(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String randomPrintable(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x21 + random.nextInt(0x5E)));
        }
        return text.toString();
    }

    /** Random bytes 0x80 to 0xFF and printable ASCII, one char per byte; never CR, LF or NUL. */
    private String randomBytes(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextBoolean() ? (char) (0x80 + random.nextInt(0x80)) : (char) (0x21 + random.nextInt(0x5E)));
        }
        return text.toString();
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (character <= 0x20 || character >= 0x7F || URI_ILLEGAL_CHARS.indexOf(character) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean needsRaw(Map<String, String> headers) {
        return headers.values().stream().anyMatch(value -> !isPlainAscii(value.replace(" ", "")));
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (character >= 0x20 && character < 0x7F) {
                escaped.append(character);
            } else {
                escaped.append(String.format("\\x%02X", (int) character));
            }
        }
        return escaped.toString();
    }
}

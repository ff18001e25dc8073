package com.acme.wallet.domain;

/**
 * The rules every name a client chooses follows (a {@link Reference}, a {@link RoundId}, a key or
 * value of {@link Metadata}): not blank (no kind of space counts), not too long, no control,
 * invisible format or line-separator characters (they would corrupt or disguise it in logs and
 * reports), and well-formed Unicode.
 */
final class ClientName {

    private ClientName() {}

    /**
     * Checks a name.
     *
     * @param what what the name is, for the message (such as {@code "reference"})
     * @param value the name as the client sent it
     * @param maxLength the longest allowed, in UTF-16 code units
     * @throws InvalidInputException if the name breaks a rule; the message names the rule
     */
    static void check(String what, String value, int maxLength) {
        if (value == null || isBlank(value)) {
            throw new InvalidInputException(what + " is required and must not be blank");
        }
        checkText(what, value, maxLength);
    }

    /**
     * Checks free text a client sends, which may be empty or blank: not too long, no control
     * characters, well-formed Unicode.
     *
     * @param what what the text is, for the message
     * @param value the text; not null
     * @param maxLength the longest allowed, in UTF-16 code units
     * @throws InvalidInputException if the text breaks a rule
     */
    static void checkText(String what, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new InvalidInputException(what + " must be at most " + maxLength + " characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            if (isInvisibleControl(value.charAt(i))) {
                throw new InvalidInputException(what + " must not contain control characters");
            }
        }
        if (!isWellFormedUnicode(value)) {
            throw new InvalidInputException(what + " must be valid Unicode text");
        }
    }

    /**
     * Whether every surrogate is half of a pair. JSON's {@code \uD800} escape can carry a lone one,
     * which UTF-8 cannot encode: the log, PostgreSQL and the logs would store {@code ?} instead, and
     * the stored name would no longer match the one a retry sends.
     */
    private static boolean isWellFormedUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            if (Character.isHighSurrogate(character) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(character)) {
                return false;
            }
        }
        return true;
    }

    /** Blank counts every kind of space, including the no-break spaces {@link String#isBlank} lets pass. */
    private static boolean isBlank(String value) {
        for (int i = 0; i < value.length(); i++) {
            char character = value.charAt(i);
            if (!Character.isWhitespace(character) && !Character.isSpaceChar(character)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Control characters, and the invisible format characters (bidirectional overrides, zero-width
     * joiners) and line separators that would let a name disguise itself in logs and reports.
     */
    private static boolean isInvisibleControl(char character) {
        int type = Character.getType(character);
        return Character.isISOControl(character)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}

package com.acme.wallet.domain;

/**
 * The client's name for one change of a wallet, such as {@code wonbet-111}.
 *
 * <p>A reference is applied to a wallet at most once, forever: the client chooses it and reuses it
 * on every retry, which is what makes retries safe. Between 1 and {@value #MAX_LENGTH} characters,
 * not blank (no kind of space counts), with no control, invisible format or line-separator
 * characters (they would corrupt or disguise it in logs and reports).
 *
 * @param value the reference as the client sent it
 */
public record Reference(String value) {

    /** The longest allowed reference, in UTF-16 code units. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the reference.
     *
     * @throws InvalidInputException if the reference is null, blank, too long or holds a control
     *     character
     */
    public Reference {
        if (value == null || isBlank(value)) {
            throw new InvalidInputException("reference is required and must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "reference must be at most " + MAX_LENGTH + " characters long");
        }
        for (int i = 0; i < value.length(); i++) {
            if (isInvisibleControl(value.charAt(i))) {
                throw new InvalidInputException("reference must not contain control characters");
            }
        }
        if (!isWellFormedUnicode(value)) {
            throw new InvalidInputException("reference must be valid Unicode text");
        }
    }

    /**
     * Whether every surrogate is half of a pair. JSON's {@code \uD800} escape can carry a lone one,
     * which UTF-8 cannot encode: the log, PostgreSQL and the logs would store {@code ?} instead, and
     * the stored reference would no longer match the one a retry sends.
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
     * joiners) and line separators that would let a reference disguise itself in logs and reports.
     */
    private static boolean isInvisibleControl(char character) {
        int type = Character.getType(character);
        return Character.isISOControl(character)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * Parses a reference.
     *
     * @param value the reference as sent
     * @return the validated reference
     * @throws InvalidInputException if the reference breaks the rules above
     */
    public static Reference of(String value) {
        return new Reference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

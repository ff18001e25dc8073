package com.acme.wallet.application;

import java.util.regex.Pattern;

/**
 * Hides credentials in text about to be logged: the password of a URL's {@code user:password@}
 * part, and the value of every query or property parameter whose name says it is secret
 * ({@code password=}, {@code sslpassword=}, {@code token=}, {@code secret=} ...). The rest stays as
 * it was, so that an operator still sees which host, database and user a program reaches.
 *
 * <p>{@link DependencyWait} passes what it logs through it, the adapters the URLs they put in their
 * exceptions, and the programs every URL and setting they log. What a library logs by itself is not
 * seen here.
 */
public final class Redaction {

    /** What a hidden secret is replaced with. */
    public static final String HIDDEN = "***";

    /** {@code scheme://user:password@host}: the password runs to the last '@' before the path. */
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]*:)[^/\\s]*@");

    /**
     * {@code password=...}, {@code &sslpassword=...}, {@code ;token=...}: the value runs to the next
     * '&amp;', ';' or blank (not to a comma, which a password may hold).
     */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]*"
            + "(?:password|passwd|pwd|secret|token|credential)[A-Za-z0-9_.-]*=)[^&;\\s]*");

    private Redaction() {}

    /**
     * {@return the text with every URL password and secret parameter value replaced by {@value #HIDDEN}}
     *
     * @param text a URL, a setting or a whole message; null stays null
     */
    public static String hideCredentials(String text) {
        if (text == null) {
            return null;
        }
        String withoutUrlPasswords = URL_PASSWORD.matcher(text).replaceAll("$1" + HIDDEN + "@");
        return SECRET_PARAMETER.matcher(withoutUrlPasswords).replaceAll("$1" + HIDDEN);
    }
}

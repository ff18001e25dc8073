package com.acme.wallet.application.port.in;

import com.acme.wallet.application.port.in.Caller;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who asked for a change: the name of the authenticated client, written beside the change in the
 * event log as the audit trail of who changed what. It is not part of the change: a retry by
 * another caller is still the same request.
 *
 * @param name 1 to {@value #MAX_NAME_LENGTH} characters of {@code A-Z a-z 0-9 . _ : -}, safe in any
 *     log line and header
 */
public record Caller(String name) {

    /** The longest name. */
    public static final int MAX_NAME_LENGTH = 64;

    // Before ANONYMOUS, which the constructor checks against it.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_NAME_LENGTH + "}");

    /**
     * The caller of a service that authenticates nobody (its insecure development mode), and of a
     * change made inside the process.
     */
    public static final Caller ANONYMOUS = new Caller("anonymous");

    /**
     * Validates the name.
     *
     * @throws IllegalArgumentException if it breaks the rule above
     */
    public Caller {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a caller's name must be 1 to " + MAX_NAME_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : -");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

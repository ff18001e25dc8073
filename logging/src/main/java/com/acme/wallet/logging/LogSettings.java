package com.acme.wallet.logging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The environment variables that wallet-logback.xml reads, and the check each program runs on them
 * before it starts: Logback itself takes a misspelt level for DEBUG and an unknown format for the
 * default without a word, so an operator who asked for JSON would search text lines in vain.
 */
public final class LogSettings {

    /** {@code text} (the default) or {@code json}: one JSON object per line. */
    public static final String FORMAT = "WALLET_LOG_FORMAT";
    /** The level of every logger but the access log's; {@code INFO} unless set. */
    public static final String LEVEL = "WALLET_LOG_LEVEL";
    /** The access log's level: {@code INFO} (one line per request, the default) or {@code OFF}. */
    public static final String ACCESS_LEVEL = "WALLET_ACCESS_LOG_LEVEL";

    private static final Set<String> FORMATS = Set.of("text", "json");
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private LogSettings() {}

    /**
     * Checks the logging variables as Logback reads them: a system property of the same name first,
     * then the environment.
     *
     * @return what is wrong, for the program to print before it exits; empty if all is well
     */
    public static Optional<String> problem() {
        return problem(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    /**
     * Checks the logging variables.
     *
     * @param lookup a variable's value by name, null when unset
     * @return what is wrong; empty if all is well
     */
    public static Optional<String> problem(UnaryOperator<String> lookup) {
        String format = lookup.apply(FORMAT);
        if (format != null && !FORMATS.contains(format)) {
            return Optional.of(FORMAT + " must be text or json, not '" + format + "'");
        }
        for (String level : List.of(LEVEL, ACCESS_LEVEL)) {
            String value = lookup.apply(level);
            if (value != null && !LEVELS.contains(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(level + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, not '" + value + "'");
            }
        }
        return Optional.empty();
    }
}

package com.acme.wallet.adapter.http;

import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.TransactionType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a query string strictly, as {@link RequestParser} reads bodies: a parameter the route does
 * not know, or one given twice, is refused rather than ignored, so that a misspelt filter never
 * answers as if no filter had been asked; every value is checked against its rule and limit.
 * Every refusal is an {@link InvalidInputException}, answered 400 with a sentence that names the
 * parameter.
 */
final class QueryParameters {

    /** The longest value of any parameter: an instant, a round id, a list of types and a cursor all fit. */
    static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final String INSTANT_EXAMPLE = "2026-01-01T00:00:00Z";

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads the request's query parameters.
     *
     * @param ctx the request
     * @param known the names the route takes
     * @throws InvalidInputException for an unknown or repeated name, a malformed query string or a value over
     *     {@value #MAX_VALUE_LENGTH} characters
     */
    static QueryParameters of(Context ctx, Set<String> known) {
        Map<String, List<String>> parameters;
        try {
            parameters = ctx.queryParamMap();
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException("the query string is malformed");
        }
        Set<String> unknown = new TreeSet<>(parameters.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown query parameter " + quoted(unknown.iterator().next())
                    + "; this route takes " + String.join(", ", new TreeSet<>(known)));
        }
        Map<String, String> values = new HashMap<>();
        parameters.forEach((name, given) -> {
            if (given.size() != 1) {
                throw new InvalidInputException("query parameter " + name + " is given " + given.size() + " times");
            }
            if (given.get(0).length() > MAX_VALUE_LENGTH) {
                throw new InvalidInputException("query parameter " + name + " is longer than " + MAX_VALUE_LENGTH
                        + " characters");
            }
            values.put(name, given.get(0));
        });
        return new QueryParameters(values);
    }

    /** {@return whether the parameter is given} */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@return the parameter's value as given, if given} */
    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** {@return a whole number from {@code min} to {@code max}, if given} */
    OptionalInt integer(String name, int min, int max) {
        OptionalLong value = number(name, "a whole number from " + min + " to " + max);
        if (value.isPresent() && (value.getAsLong() < min || value.getAsLong() > max)) {
            throw new InvalidInputException(name + " must be a whole number from " + min + " to " + max);
        }
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }

    /** {@return a sequence, at least 1, if given} */
    OptionalLong sequence(String name) {
        OptionalLong value = number(name, "a sequence, a whole number of at least 1");
        if (value.isPresent() && value.getAsLong() < 1) {
            throw new InvalidInputException(name + " must be a sequence, a whole number of at least 1");
        }
        return value;
    }

    /** {@return an ISO-8601 instant, such as {@value #INSTANT_EXAMPLE}, if given} */
    Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notAnInstant) {
                throw new InvalidInputException(name + " must be an ISO-8601 instant such as " + INSTANT_EXAMPLE
                        + " (an offset's + is written %2B in a query string)");
            }
        });
    }

    /** {@return {@code asc} or {@code desc}, if given} */
    Optional<HistoryOrder> order(String name) {
        return text(name).map(value -> Arrays.stream(HistoryOrder.values())
                .filter(order -> order.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(name + " must be asc or desc")));
    }

    /** {@return a comma-separated list of distinct change types, such as {@code BET,WIN}; empty if not given} */
    Set<TransactionType> types(String name) {
        Optional<String> list = text(name);
        if (list.isEmpty()) {
            return Set.of();
        }
        String allowed = Arrays.stream(TransactionType.values()).map(Enum::name).collect(Collectors.joining(","));
        Set<TransactionType> types = EnumSet.noneOf(TransactionType.class);
        for (String type : list.get().split(",", -1)) {
            TransactionType parsed = Arrays.stream(TransactionType.values())
                    .filter(candidate -> candidate.name().equals(type))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(name + " must be a comma-separated list of "
                            + allowed + "; " + quoted(type) + " is none of them"));
            if (!types.add(parsed)) {
                throw new InvalidInputException(name + " names " + type + " twice");
            }
        }
        return types;
    }

    private OptionalLong number(String name, String rule) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!DIGITS.matcher(value.get()).matches()) {
            throw new InvalidInputException(name + " must be " + rule);
        }
        return OptionalLong.of(Long.parseLong(value.get()));
    }

    /** A name or value from the client, quoted and cut short, with control characters escaped. */
    private static String quoted(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        StringBuilder quoted = new StringBuilder("'");
        shown.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint)) {
                quoted.append(String.format("\\u%04x", codePoint));
            } else {
                quoted.appendCodePoint(codePoint);
            }
        });
        return quoted.append('\'').toString();
    }
}

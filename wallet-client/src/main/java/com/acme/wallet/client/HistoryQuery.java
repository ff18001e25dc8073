package com.acme.wallet.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which page of a wallet's history to read; every part optional, as in the API. Start from
 * {@link #newest()} and narrow it with the {@code with…} methods.
 *
 * @param limit 1 to 200 items (the service's default is 50)
 * @param ascending oldest first when true (the service's default is newest first)
 * @param types the types to show, such as {@code BET}
 * @param roundId only this round's bets, wins and their rollbacks
 * @param from only changes at or after this instant
 * @param to only changes before this instant
 * @param cursor a previous page's {@link HistoryPage#nextCursor()}
 * @param minSequence wait for nothing, but answer 503 until the wallet is stored this far
 */
public record HistoryQuery(OptionalInt limit, boolean ascending, Set<String> types, Optional<String> roundId,
        Optional<Instant> from, Optional<Instant> to, Optional<String> cursor, OptionalLong minSequence) {

    public HistoryQuery {
        types = Set.copyOf(types);
        if (limit.isPresent() && (limit.getAsInt() < 1 || limit.getAsInt() > 200)) {
            throw new IllegalArgumentException("limit must be 1 to 200, not " + limit.getAsInt());
        }
    }

    /** {@return the service's default page: the 50 newest changes} */
    public static HistoryQuery newest() {
        return new HistoryQuery(OptionalInt.empty(), false, Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    /** {@return this query with pages of at most this many items (the service allows 1 to 200; 50 by default)} */
    public HistoryQuery withLimit(int items) {
        return new HistoryQuery(OptionalInt.of(items), ascending, types, roundId, from, to, cursor, minSequence);
    }

    /** {@return this query with the oldest change first (the default is the newest first)} */
    public HistoryQuery oldestFirst() {
        return new HistoryQuery(limit, true, types, roundId, from, to, cursor, minSequence);
    }

    /** {@return this query with only these types, such as {@code BET} and {@code WIN}} */
    public HistoryQuery withTypes(Set<String> only) {
        return new HistoryQuery(limit, ascending, only, roundId, from, to, cursor, minSequence);
    }

    /** {@return this query with only the legs of one round} */
    public HistoryQuery inRound(String round) {
        return new HistoryQuery(limit, ascending, types, Optional.of(round), from, to, cursor, minSequence);
    }

    /** {@return this query with only changes that occurred from the first instant to before the second} */
    public HistoryQuery between(Instant fromInclusive, Instant toExclusive) {
        return new HistoryQuery(limit, ascending, types, roundId, Optional.of(fromInclusive), Optional.of(toExclusive),
                cursor, minSequence);
    }

    /** {@return the page after the one that gave this cursor, with the same filters} */
    public HistoryQuery after(String nextCursor) {
        return new HistoryQuery(limit, ascending, types, roundId, from, to, Optional.of(nextCursor), minSequence);
    }

    /**
     * {@return this query answered only once the service has stored the wallet up to this sequence (a
     *     change's answer carries it): a read of one's own write; 503 until then, 404 if never reached}
     */
    public HistoryQuery withMinSequence(long sequence) {
        return new HistoryQuery(limit, ascending, types, roundId, from, to, cursor, OptionalLong.of(sequence));
    }

    /** {@return the query string, "" or starting with '?'} */
    String queryString() {
        List<String> parameters = new ArrayList<>();
        limit.ifPresent(items -> parameters.add("limit=" + items));
        if (ascending) {
            parameters.add("order=asc");
        }
        if (!types.isEmpty()) {
            parameters.add("types=" + encode(String.join(",", types.stream().sorted().toList())));
        }
        roundId.ifPresent(round -> parameters.add("roundId=" + encode(round)));
        from.ifPresent(instant -> parameters.add("from=" + encode(instant.toString())));
        to.ifPresent(instant -> parameters.add("to=" + encode(instant.toString())));
        cursor.ifPresent(next -> parameters.add("cursor=" + encode(next)));
        minSequence.ifPresent(sequence -> parameters.add("minSequence=" + sequence));
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

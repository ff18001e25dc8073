package com.acme.wallet.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.domain.RoundId;
import com.acme.wallet.domain.TransactionType;
import com.acme.wallet.domain.WalletId;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The history cursor: it comes back as it went out, and only for the query it was given for. */
class HistoryCursorTest {

    private static final HistoryFilter FILTERED = new HistoryFilter(EnumSet.of(TransactionType.BET,
            TransactionType.WIN), Optional.of(RoundId.of("r-9")), Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
            Optional.of(Instant.parse("2026-02-01T00:00:00.000001Z")));
    private static final HistoryQuery QUERY = query("alice", FILTERED, HistoryOrder.DESCENDING);

    @Test
    void a_cursor_decodes_to_the_sequence_it_was_made_from_for_the_same_query_whatever_the_limit() {
        for (long sequence : List.of(1L, 42L, Long.MAX_VALUE)) {
            String cursor = HistoryCursor.encode(QUERY, sequence);

            assertThat(cursor).hasSize(35).matches("[A-Za-z0-9_-]+");
            assertThat(HistoryCursor.decode(QUERY, cursor)).isEqualTo(new HistoryCursor.Position(sequence));
            assertThat(HistoryCursor.decode(new HistoryQuery(QUERY.walletId(), QUERY.filter(), QUERY.order(), 7,
                    Optional.of(cursor), 12), cursor)).isEqualTo(new HistoryCursor.Position(sequence));
        }
    }

    @Test
    void the_same_types_in_another_order_make_the_same_query() {
        HistoryFilter sameTypes = new HistoryFilter(Set.of(TransactionType.WIN, TransactionType.BET),
                FILTERED.roundId(), FILTERED.from(), FILTERED.to());

        assertThat(HistoryCursor.decode(query("alice", sameTypes, HistoryOrder.DESCENDING),
                HistoryCursor.encode(QUERY, 9))).isEqualTo(new HistoryCursor.Position(9));
    }

    @Test
    void a_cursor_is_refused_for_another_wallet_order_or_any_other_filter() {
        String cursor = HistoryCursor.encode(QUERY, 9);
        List<HistoryQuery> others = List.of(
                query("bob", FILTERED, HistoryOrder.DESCENDING),
                query("alice", FILTERED, HistoryOrder.ASCENDING),
                query("alice", HistoryFilter.EVERYTHING, HistoryOrder.DESCENDING),
                query("alice", with(EnumSet.of(TransactionType.BET), FILTERED.roundId(), FILTERED.from(), FILTERED.to()),
                        HistoryOrder.DESCENDING),
                query("alice", with(FILTERED.types(), Optional.of(RoundId.of("r-8")), FILTERED.from(), FILTERED.to()),
                        HistoryOrder.DESCENDING),
                query("alice", with(FILTERED.types(), Optional.empty(), FILTERED.from(), FILTERED.to()),
                        HistoryOrder.DESCENDING),
                query("alice", with(FILTERED.types(), FILTERED.roundId(), FILTERED.from().map(i -> i.plusNanos(1)),
                        FILTERED.to()), HistoryOrder.DESCENDING),
                query("alice", with(FILTERED.types(), FILTERED.roundId(), FILTERED.from(), Optional.empty()),
                        HistoryOrder.DESCENDING));

        for (HistoryQuery other : others) {
            assertThat(HistoryCursor.decode(other, cursor)).as("%s", other).isInstanceOf(HistoryCursor.Refused.class);
        }
    }

    @Test
    void a_cursor_changed_in_any_byte_is_refused() {
        byte[] bytes = Base64.getUrlDecoder().decode(HistoryCursor.encode(QUERY, 9));
        for (int index = 0; index < bytes.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[index] ^= (byte) (1 << bit);
                String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

                assertThat(HistoryCursor.decode(QUERY, cursor)).as("byte %s bit %s", index, bit)
                        .isInstanceOf(HistoryCursor.Refused.class);
            }
        }
    }

    @Test
    void a_malformed_cursor_is_refused_as_malformed() {
        String valid = HistoryCursor.encode(QUERY, 9);
        for (String malformed : List.of("", "x", "not a cursor", valid + "A", valid.substring(1), valid + "==",
                "A".repeat(35), valid.replace('A', '+'), "%".repeat(10), "A".repeat(HistoryCursor.MAX_TEXT_LENGTH + 1))) {
            HistoryCursor.Read read = HistoryCursor.decode(QUERY, malformed);

            assertThat(read).as(malformed).isInstanceOf(HistoryCursor.Refused.class);
        }
        HistoryCursor.Refused refused = (HistoryCursor.Refused) HistoryCursor.decode(QUERY, "garbage");
        assertThat(refused.answer().reason()).contains("malformed");
    }

    private static HistoryQuery query(String wallet, HistoryFilter filter, HistoryOrder order) {
        return new HistoryQuery(WalletId.of(wallet), filter, order, 50, Optional.empty(), 0);
    }

    private static HistoryFilter with(Set<TransactionType> types, Optional<RoundId> round, Optional<Instant> from,
            Optional<Instant> to) {
        return new HistoryFilter(types, round, from, to);
    }
}

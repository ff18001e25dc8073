package com.acme.wallet.application.service;

import com.acme.wallet.application.port.in.HistoryQuery;
import com.acme.wallet.application.port.in.InvalidCursor;
import com.acme.wallet.application.port.out.history.HistoryFilter;
import com.acme.wallet.application.port.out.history.HistoryOrder;
import com.acme.wallet.domain.TransactionType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque cursor of a history page: where the page ended, bound to the wallet, the order and the
 * filters it was read with.
 *
 * <p>26 bytes in base64url without padding (35 characters): a version, the order, the last sequence
 * of the page, and the first 16 bytes of a SHA-256 over all of that and the wallet and the filters.
 * A cursor sent with another wallet, order or filters, or changed in any byte, fails the check and
 * is refused, so a client cannot take a cursor to another query by accident or by a casual edit.
 * The digest is not keyed: whoever knows this format can compute a cursor for any wallet, and gets
 * no more than the same request without a cursor gives, since the API has no per-wallet access
 * control. A keyed MAC becomes worth its key management once it has.
 */
final class HistoryCursor {

    /** The longest text that can be a cursor; a longer one is refused before it is decoded. */
    static final int MAX_TEXT_LENGTH = 64;

    private static final byte VERSION = 1;
    private static final int DIGEST_BYTES = 16;
    private static final int LENGTH = 1 + 1 + Long.BYTES + DIGEST_BYTES;
    private static final String MALFORMED = "the cursor is malformed; use nextCursor exactly as a page gave it";

    private HistoryCursor() {}

    /** Where a cursor says the previous page ended, or why it is refused. */
    sealed interface Read {}

    /**
     * A valid cursor.
     *
     * @param after the last sequence of the previous page
     */
    record Position(long after) implements Read {}

    /**
     * A refused cursor.
     *
     * @param answer the answer to give
     */
    record Refused(InvalidCursor answer) implements Read {}

    /**
     * {@return the cursor of the page after the entry {@code lastSequence}, read with the query's
     *     wallet, order and filters}
     */
    static String encode(HistoryQuery query, long lastSequence) {
        if (lastSequence < 1) {
            throw new IllegalArgumentException("no entry has sequence " + lastSequence);
        }
        ByteBuffer cursor = ByteBuffer.allocate(LENGTH)
                .put(VERSION)
                .put((byte) query.order().ordinal())
                .putLong(lastSequence)
                .put(digest(query, lastSequence));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
    }

    /** {@return where the query's cursor says the previous page ended, or why it is refused} */
    static Read decode(HistoryQuery query, String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            return refused(MALFORMED);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notBase64Url) {
            return refused(MALFORMED);
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            return refused(MALFORMED);
        }
        ByteBuffer cursor = ByteBuffer.wrap(bytes);
        cursor.get();
        int order = cursor.get();
        long after = cursor.getLong();
        byte[] digest = new byte[DIGEST_BYTES];
        cursor.get(digest);
        if (order < 0 || order >= HistoryOrder.values().length) {
            return refused(MALFORMED);
        }
        if (order != query.order().ordinal()) {
            return refused("the cursor was given for order=" + HistoryOrder.values()[order].wireName()
                    + "; send the order and filters of the page it came from");
        }
        if (after < 1 || !MessageDigest.isEqual(digest, digest(query, after))) {
            return refused("the cursor was not given for this wallet and these filters; send the filters of the "
                    + "page it came from, or start again without a cursor");
        }
        return new Position(after);
    }

    private static Read refused(String reason) {
        return new Refused(new InvalidCursor(reason));
    }

    /** The first bytes of a SHA-256 over everything a cursor is bound to, each part unambiguously delimited. */
    private static byte[] digest(HistoryQuery query, long lastSequence) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeByte(VERSION);
            data.writeUTF(query.walletId().value());
            data.writeByte(query.order().ordinal());
            HistoryFilter filter = query.filter();
            TransactionType[] types = filter.types().toArray(TransactionType[]::new);
            Arrays.sort(types);
            data.writeInt(types.length);
            for (TransactionType type : types) {
                data.writeUTF(type.name());
            }
            data.writeBoolean(filter.roundId().isPresent());
            data.writeUTF(filter.roundId().map(round -> round.value()).orElse(""));
            writeInstant(data, filter.from());
            writeInstant(data, filter.to());
            data.writeLong(lastSequence);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return Arrays.copyOf(sha256().digest(bytes.toByteArray()), DIGEST_BYTES);
    }

    private static void writeInstant(DataOutputStream data, Optional<Instant> instant) throws IOException {
        data.writeBoolean(instant.isPresent());
        data.writeLong(instant.map(Instant::getEpochSecond).orElse(0L));
        data.writeInt(instant.map(Instant::getNano).orElse(0));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("every Java platform has SHA-256", required);
        }
    }
}

package com.acme.wallet.bench.jmh;

import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletOpened;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes a wallet event exactly as the Pulsar adapter's {@code PulsarEventCodec.encode} does:
 * the same factory, the same streaming generator calls, the same fields in the same order.
 *
 * <p>A copy because the codec is package-private in {@code adapter.pulsar}. If the codec changes,
 * change this with it.
 */
final class PulsarEventJson {

    private static final int SCHEMA_VERSION = 1;

    private final JsonFactory factory =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    byte[] encode(WalletEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("eventId", event.eventId().toString());
            json.writeStringField("type", typeOf(event));
            json.writeStringField("userId", event.walletId().value());
            json.writeNumberField("sequence", event.sequence());
            json.writeNumberField("amount", event.amount().cents());
            if (event instanceof FundsChanged change) {
                json.writeStringField("reference", change.reference().value());
            }
            json.writeStringField("occurredAt", event.occurredAt().toString());
            json.writeEndObject();
        } catch (IOException impossibleInMemory) {
            throw new UncheckedIOException(impossibleInMemory);
        }
        return bytes.toByteArray();
    }

    private static String typeOf(WalletEvent event) {
        if (event instanceof WalletOpened) {
            return "WALLET_OPENED";
        }
        return ((FundsChanged) event).operation() == FundsOperation.ADD ? "FUNDS_ADDED" : "FUNDS_REMOVED";
    }
}

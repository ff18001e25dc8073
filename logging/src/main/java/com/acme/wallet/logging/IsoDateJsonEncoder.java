package com.acme.wallet.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Logback's own JSON lines encoder plus a {@code "date"} member: the event's time as ISO-8601 in
 * UTC with milliseconds ({@code 2026-01-01T10:00:00.123Z}). Logback writes only {@code "timestamp"},
 * milliseconds since the epoch, which a person searching the logs cannot read at a glance.
 */
public class IsoDateJsonEncoder extends JsonEncoder {

    /** The member added to every line. */
    public static final String DATE_ATTR_NAME = "date";

    private static final DateTimeFormatter ISO_UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Override
    protected void appendCustomFields(StringBuilder json, ILoggingEvent event) {
        // Logback calls this right before the closing brace, after the members it wrote.
        if (json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        json.append('"').append(DATE_ATTR_NAME).append("\":\"")
                .append(ISO_UTC_MILLIS.format(event.getInstant())).append('"');
    }
}

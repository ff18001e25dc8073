package com.acme.wallet.application.port.out;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where an event sits in the durable log: the partition and an opaque position within it.
 *
 * <p>The bytes mean something only to the log that produced them (for Pulsar, the full serialized
 * message id, batch index included). They are stored and handed back unchanged.
 *
 * @param partition the log partition, for example a topic partition's name
 * @param position the opaque position within the partition
 */
public record LogPosition(String partition, byte[] position) {

    /** Validates and copies the position. */
    public LogPosition {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(position, "position");
        if (partition.isEmpty() || position.length == 0) {
            throw new IllegalArgumentException("a log position needs a partition and a position");
        }
        position = position.clone();
    }

    /** {@return a copy of the opaque position} */
    @Override
    public byte[] position() {
        return position.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogPosition that
                && partition.equals(that.partition) && Arrays.equals(position, that.position);
    }

    @Override
    public int hashCode() {
        return 31 * partition.hashCode() + Arrays.hashCode(position);
    }

    @Override
    public String toString() {
        return partition + "@" + HexFormat.of().formatHex(position);
    }
}

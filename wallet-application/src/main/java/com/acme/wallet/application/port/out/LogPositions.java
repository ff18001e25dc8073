package com.acme.wallet.application.port.out;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last position persisted for each partition of the durable log: where reading the rest of
 * the log starts from. A partition without a position is read from its beginning.
 */
public final class LogPositions {

    private static final LogPositions NONE = new LogPositions(Map.of());

    private final Map<String, LogPosition> byPartition;

    private LogPositions(Map<String, LogPosition> byPartition) {
        this.byPartition = Collections.unmodifiableMap(new LinkedHashMap<>(byPartition));
    }

    /** {@return no positions: the whole log is to be read} */
    public static LogPositions none() {
        return NONE;
    }

    /**
     * The positions given, at most one per partition.
     *
     * @param positions the positions
     * @return them, by partition
     * @throws IllegalArgumentException if a partition appears twice
     */
    public static LogPositions of(Collection<LogPosition> positions) {
        Map<String, LogPosition> byPartition = new LinkedHashMap<>();
        for (LogPosition position : positions) {
            if (byPartition.put(position.partition(), position) != null) {
                throw new IllegalArgumentException("two positions for partition " + position.partition());
            }
        }
        return new LogPositions(byPartition);
    }

    /**
     * The position of one partition.
     *
     * @param partition the partition
     * @return its last persisted position, or empty to read it from the beginning
     */
    public Optional<LogPosition> of(String partition) {
        return Optional.ofNullable(byPartition.get(partition));
    }

    /** {@return every position, one per partition} */
    public Collection<LogPosition> all() {
        return byPartition.values();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogPositions that && byPartition.equals(that.byPartition);
    }

    @Override
    public int hashCode() {
        return byPartition.hashCode();
    }

    @Override
    public String toString() {
        return byPartition.values().toString();
    }
}

package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.port.out.FindLoggedEventPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Reader;
import org.apache.pulsar.client.api.ReaderBuilder;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TopicMessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event log back from stored positions to the end the topic had when the read started.
 *
 * <p>Each call opens a Pulsar {@link Reader}: a non-durable subscription that leaves no trace on
 * the topic and never acknowledges anything. It starts right after the stored position
 * ({@link MessageId#fromByteArrayWithTopic}, exclusive, the batch index included so that a position
 * inside a batch resumes at the next message of that batch) or at the topic's first message. Before
 * reading it asks the broker for the topic's last message id and stops there (see
 * {@link EndOfLog}), so a read ends even while writers keep appending; events appended after the
 * read started are left for the next read.
 *
 * <p>A reader only sees what the broker still holds, so the topic's retention must keep every
 * message the batch consumer has not persisted yet (see {@link PulsarTopicSetup}).
 *
 * <p>Every step is bounded by {@code readTimeout}; a broker that stalls longer fails the read with
 * a {@link PulsarUnavailableException}, after which the caller may retry. A message that is not a
 * readable event fails it with an {@link com.acme.wallet.application.port.out.UnreadableEventException}: nothing
 * at or after that message is handed to the sink. Thread-safe; each call uses its own reader.
 */
public final class PulsarLogReader implements ReadEventLogPort, FindLoggedEventPort {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarLogReader.class);

    private final PulsarClient client;
    private final PulsarLogReaderSettings settings;
    private final PulsarEventCodec codec = new PulsarEventCodec();

    /**
     * Creates the reader; it contacts the broker only when reading.
     *
     * @param connection the Pulsar client
     * @param settings the topic and limits
     */
    public PulsarLogReader(PulsarConnection connection, PulsarLogReaderSettings settings) {
        this.client = Objects.requireNonNull(connection, "connection").client();
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a position is of another partition than this topic
     * @throws PulsarUnavailableException if the broker does not answer a step within
     *     {@code readTimeout}
     */
    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(sink, "sink");
        MessageId start = startOf(positions);
        Reader<byte[]> reader = openReader(start);
        try {
            EndOfLog end = EndOfLog.at(lastMessageId(reader));
            int read = readUntil(reader, start, end, sink);
            LOG.debug("read {} events of {} after {} up to {}", read, settings.topic(), start, end);
        } finally {
            close(reader);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The barrier is found by its message id, batch index included, and must decode as a
     * barrier. A read that starts at or after the barrier, passes it, or finds something else there
     * fails with an {@link IllegalStateException}: the positions do not belong to this log.
     *
     * @throws IllegalArgumentException if a position is of another partition than this topic
     * @throws PulsarUnavailableException if the broker does not answer a step within
     *     {@code readTimeout}
     */
    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(barrier, "barrier");
        Objects.requireNonNull(sink, "sink");
        MessageId start = startOf(positions);
        MessageIdAdv barrierId = (MessageIdAdv) PulsarLoggedEvents.messageIdOf(settings.topic(), barrier);
        EndOfLog end = EndOfLog.at(barrierId);
        if (end.after(start) == EndOfLog.Progress.DONE) {
            throw new IllegalStateException("a read of " + settings.topic() + " from " + start
                    + " cannot reach the barrier at " + end + ", which lies before it");
        }
        Reader<byte[]> reader = openReader(start);
        try {
            int read = readUntilBarrier(reader, barrierId, end, sink);
            LOG.debug("read {} events of {} after {} up to the barrier at {}", read, settings.topic(), start, end);
        } finally {
            close(reader);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A reader starts inclusive at the position. The message it meets first must have the
     * position's ledger, entry and batch index: where the topic no longer holds that entry (its
     * ledger is gone, as in a re-created or truncated topic) the broker starts the reader at the
     * next entry it holds, so the ids differ. A position past the topic's last message, of an empty
     * topic, of another topic, or whose bytes are no message id, is not there either.
     *
     * @throws PulsarUnavailableException if the broker does not answer a step within
     *     {@code readTimeout}
     */
    @Override
    public Optional<LoggedEvent> eventAt(LogPosition position) {
        Objects.requireNonNull(position, "position");
        MessageIdAdv wanted;
        try {
            wanted = (MessageIdAdv) PulsarLoggedEvents.messageIdOf(settings.topic(), position);
        } catch (IllegalArgumentException notOfThisTopic) {
            LOG.warn("{} is no position of {}: {}", position, settings.topic(), notOfThisTopic.getMessage());
            return Optional.empty();
        }
        Reader<byte[]> reader = openReader(wanted, true);
        try {
            EndOfLog end = EndOfLog.at(lastMessageId(reader));
            boolean possiblyThere = end.isEmpty()
                    ? await("asking whether a message is available", reader.hasMessageAvailableAsync())
                    : !end.isPassedBy(wanted);
            if (!possiblyThere) {
                LOG.warn("{} holds no message at {}: its last message is at {}", settings.topic(), wanted, end);
                return Optional.empty();
            }
            Message<byte[]> message = next(reader, end);
            // Should the client hand over the whole entry rather than start at the batch index,
            // the messages before it in the same entry are passed by.
            while (isEarlierInSameEntry((MessageIdAdv) message.getMessageId(), wanted)) {
                message = next(reader, end);
            }
            MessageIdAdv found = (MessageIdAdv) message.getMessageId();
            if (!isAt(wanted, found)) {
                LOG.warn("{} holds no message at {}: the first message from there is at {}", settings.topic(),
                        wanted, found);
                return Optional.empty();
            }
            return PulsarLoggedEvents.decode(codec, settings.topic(), message);
        } finally {
            close(reader);
        }
    }

    private int readUntilBarrier(Reader<byte[]> reader, MessageIdAdv barrierId, EndOfLog end,
            Consumer<LoggedEvent> sink) {
        int read = 0;
        while (true) {
            Message<byte[]> message = next(reader, end);
            MessageIdAdv id = (MessageIdAdv) message.getMessageId();
            if (end.isPassedBy(id)) {
                throw new IllegalStateException("reading " + settings.topic() + " passed " + id
                        + " without meeting the barrier at " + end);
            }
            Optional<LoggedEvent> entry = PulsarLoggedEvents.decode(codec, settings.topic(), message);
            if (isAt(barrierId, id)) {
                if (entry.isPresent()) {
                    throw new IllegalStateException("the message at " + end + " of " + settings.topic()
                            + " is an event, not the barrier expected there");
                }
                return read;
            }
            if (entry.isPresent()) {
                sink.accept(entry.get());
                read++;
            }
        }
    }

    private static boolean isEarlierInSameEntry(MessageIdAdv id, MessageIdAdv wanted) {
        return id.getLedgerId() == wanted.getLedgerId() && id.getEntryId() == wanted.getEntryId()
                && id.getBatchIndex() < wanted.getBatchIndex();
    }

    /** Whether a message is at a position (the barrier): the same entry, and the same index within a Pulsar batch. */
    private static boolean isAt(MessageIdAdv barrierId, MessageIdAdv id) {
        return id.getLedgerId() == barrierId.getLedgerId() && id.getEntryId() == barrierId.getEntryId()
                && id.getBatchIndex() == barrierId.getBatchIndex();
    }

    private Reader<byte[]> openReader(MessageId start) {
        return openReader(start, false);
    }

    private Reader<byte[]> openReader(MessageId start, boolean inclusive) {
        ReaderBuilder<byte[]> builder = client.newReader(Schema.BYTES)
                .topic(settings.topic())
                .startMessageId(start)
                .receiverQueueSize(settings.receiverQueueSize());
        if (inclusive) {
            builder.startMessageIdInclusive();
        }
        return await("creating a reader", builder.createAsync());
    }

    private void close(Reader<byte[]> reader) {
        reader.closeAsync().exceptionally(failure -> {
            LOG.warn("closing a reader of {} failed", settings.topic(), failure);
            return null;
        });
    }

    private MessageId startOf(LogPositions positions) {
        for (LogPosition position : positions.all()) {
            if (!position.partition().equals(settings.topic())) {
                throw new IllegalArgumentException("position " + position + " is not of the log's topic "
                        + settings.topic());
            }
        }
        return positions.of(settings.topic())
                .map(position -> PulsarLoggedEvents.messageIdOf(settings.topic(), position))
                .orElse(MessageId.earliest);
    }

    private MessageId lastMessageId(Reader<byte[]> reader) {
        List<TopicMessageId> lastIds = await("asking for the last message id", reader.getLastMessageIdsAsync());
        if (lastIds.size() != 1) {
            throw new IllegalStateException(settings.topic() + " reports " + lastIds.size()
                    + " last message ids; the event log must be one non-partitioned topic");
        }
        return lastIds.get(0);
    }

    private int readUntil(Reader<byte[]> reader, MessageId start, EndOfLog end, Consumer<LoggedEvent> sink) {
        MessageId cursor = start;
        int read = 0;
        while (hasMoreBefore(reader, cursor, end)) {
            Message<byte[]> message = next(reader, end);
            if (end.isPassedBy(message.getMessageId())) {
                break;
            }
            Optional<LoggedEvent> entry = PulsarLoggedEvents.decode(codec, settings.topic(), message);
            entry.ifPresent(sink);
            cursor = message.getMessageId();
            read += entry.isPresent() ? 1 : 0;
        }
        return read;
    }

    private boolean hasMoreBefore(Reader<byte[]> reader, MessageId cursor, EndOfLog end) {
        return switch (end.after(cursor)) {
            case MORE -> true;
            case DONE -> false;
            case UNKNOWN -> await("asking whether a message is available", reader.hasMessageAvailableAsync());
        };
    }

    private Message<byte[]> next(Reader<byte[]> reader, EndOfLog end) {
        Message<byte[]> message;
        try {
            message = reader.readNext(Durations.millis(settings.readTimeout()), TimeUnit.MILLISECONDS);
        } catch (PulsarClientException failure) {
            throw new PulsarUnavailableException("reading " + settings.topic() + " failed", failure);
        }
        if (message == null) {
            throw new PulsarUnavailableException("no message from " + settings.topic() + " within "
                    + settings.readTimeout() + " though its end as of the read's start (" + end + ") is not reached",
                    null);
        }
        return message;
    }

    private <T> T await(String step, CompletableFuture<T> future) {
        try {
            return future.get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PulsarUnavailableException("interrupted while " + step + " on " + settings.topic(), interrupted);
        } catch (ExecutionException failure) {
            throw new PulsarUnavailableException(step + " on " + settings.topic() + " failed", failure.getCause());
        } catch (TimeoutException timeout) {
            future.whenComplete((late, ignored) -> closeIfReader(late));
            throw new PulsarUnavailableException(step + " on " + settings.topic() + " took longer than "
                    + settings.readTimeout(), timeout);
        }
    }

    private static void closeIfReader(Object late) {
        if (late instanceof Reader<?> reader) {
            reader.closeAsync();
        }
    }
}

package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.io.IOException;
import java.util.Optional;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;

/**
 * Maps Pulsar messages and message ids to the domain's logged events and log positions.
 *
 * <p>A position is the topic's full name (the partition: the log is one non-partitioned topic) and
 * the complete {@link MessageId#toByteArray()}, which includes the batch index and batch size, so
 * that a position inside a batch is restored exactly.
 */
final class PulsarLoggedEvents {

    private PulsarLoggedEvents() {}

    /**
     * The position of a message of the topic.
     *
     * @param topic the topic, which is the partition
     * @param id the message's id
     * @return the position
     */
    static LogPosition positionOf(String topic, MessageId id) {
        return new LogPosition(topic, id.toByteArray());
    }

    /**
     * The message id a position stands for.
     *
     * @param topic the topic the position must belong to
     * @param position the position
     * @return the message id, batch index included
     * @throws IllegalArgumentException if the position belongs to another partition or its bytes
     *     are not a Pulsar message id
     */
    static MessageId messageIdOf(String topic, LogPosition position) {
        if (!topic.equals(position.partition())) {
            throw new IllegalArgumentException("position " + position + " is not of topic " + topic);
        }
        try {
            return MessageId.fromByteArrayWithTopic(position.position(), topic);
        } catch (IOException | RuntimeException notMessageId) {
            throw new IllegalArgumentException("position " + position + " is not a Pulsar message id", notMessageId);
        }
    }

    /**
     * Decodes a message of the topic.
     *
     * @param codec the event codec
     * @param topic the topic read, which is the partition
     * @param message the message
     * @return the event and its position, or empty for a barrier
     * @throws UnreadableEventException if the message is neither a readable wallet event nor a
     *     barrier, or its key is not the event's wallet
     * @throws IllegalStateException if the message comes from another topic, for example a partition
     */
    static Optional<LoggedEvent> decode(PulsarEventCodec codec, String topic, Message<byte[]> message) {
        if (!topic.equals(message.getTopicName())) {
            throw new IllegalStateException("message from " + message.getTopicName() + " while reading " + topic
                    + "; the event log must be one non-partitioned topic");
        }
        LogPosition position = positionOf(topic, message.getMessageId());
        Optional<WalletEvent> entry;
        try {
            entry = codec.decodeEntry(message.getData());
        } catch (PulsarEventCodec.MalformedEventException malformed) {
            throw new UnreadableEventException(position, malformed.getMessage(), malformed);
        }
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        WalletEvent event = entry.get();
        if (!message.hasKey() || !event.walletId().value().equals(message.getKey())) {
            throw new UnreadableEventException(position, "message key " + message.getKey()
                    + " is not the event's wallet " + event.walletId(), null);
        }
        return Optional.of(new LoggedEvent(event, position));
    }
}

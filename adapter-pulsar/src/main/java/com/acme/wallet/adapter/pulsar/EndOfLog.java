package com.acme.wallet.adapter.pulsar;

import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;

/**
 * The topic's last message when a read started: a read stops there even while writers go on.
 *
 * <p>Decisions compare the ledger and entry first, and use batch indexes only within the last
 * entry, because that is where Pulsar's ids have tripped readers up: the last message id a broker
 * reports may lack a usable batch index, and an id restored from bytes may lack the batch size.
 * Whatever is undecidable is reported as {@link Progress#UNKNOWN}, for the caller to ask the broker,
 * never guessed as done.
 */
final class EndOfLog {

    /** Whether messages remain between a cursor and the end. */
    enum Progress {
        /** At least one message lies between the cursor and the end. */
        MORE,
        /** The cursor is at or past the end. */
        DONE,
        /** The ids alone do not tell; ask the broker whether a message is available. */
        UNKNOWN
    }

    private final long ledgerId;
    private final long entryId;
    private final int batchIndex;

    private EndOfLog(long ledgerId, long entryId, int batchIndex) {
        this.ledgerId = ledgerId;
        this.entryId = entryId;
        this.batchIndex = batchIndex;
    }

    /**
     * The end at the topic's last message.
     *
     * @param last the id the broker reports for the topic's last message; an entry id below zero
     *     means the topic (or its current ledger) held no message then
     * @return the end
     */
    static EndOfLog at(MessageId last) {
        MessageIdAdv id = advanced(last);
        return new EndOfLog(id.getLedgerId(), id.getEntryId(), id.getBatchIndex());
    }

    /**
     * Whether messages remain after a cursor.
     *
     * @param cursor the last message handed over, or the position the read started after
     * @return whether to read on, stop, or ask the broker
     */
    Progress after(MessageId cursor) {
        if (entryId < 0) {
            return Progress.UNKNOWN;
        }
        MessageIdAdv id = advanced(cursor);
        int entryOrder = compareEntry(id);
        if (entryOrder != 0) {
            return entryOrder < 0 ? Progress.MORE : Progress.DONE;
        }
        if (id.getBatchIndex() < 0) {
            return Progress.DONE;
        }
        if (id.getBatchSize() > 0) {
            return id.getBatchIndex() >= id.getBatchSize() - 1 ? Progress.DONE : Progress.MORE;
        }
        if (batchIndex >= 0) {
            return id.getBatchIndex() >= batchIndex ? Progress.DONE : Progress.MORE;
        }
        return Progress.UNKNOWN;
    }

    /**
     * Whether the topic held no message when the read started, as far as the ids tell: an entry
     * id below zero. (A topic whose current ledger is still empty may report that too; ask the
     * broker whether a message is available.)
     *
     * @return whether the last message id names no message
     */
    boolean isEmpty() {
        return entryId < 0;
    }

    /**
     * Whether a message was appended after the read started. Entries are written whole, so a
     * message in the last entry is never after the end, whatever its batch index.
     *
     * @param message a message's id
     * @return whether it lies past the end
     */
    boolean isPassedBy(MessageId message) {
        return compareEntry(advanced(message)) > 0;
    }

    private int compareEntry(MessageIdAdv id) {
        int byLedger = Long.compare(id.getLedgerId(), ledgerId);
        return byLedger != 0 ? byLedger : Long.compare(id.getEntryId(), entryId);
    }

    private static MessageIdAdv advanced(MessageId id) {
        if (id instanceof MessageIdAdv advanced) {
            return advanced;
        }
        throw new IllegalStateException("unexpected message id type " + id.getClass().getName());
    }

    @Override
    public String toString() {
        return ledgerId + ":" + entryId + ":" + batchIndex;
    }
}

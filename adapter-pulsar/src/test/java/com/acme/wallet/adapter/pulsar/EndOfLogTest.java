package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.adapter.pulsar.EndOfLog.Progress;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.junit.jupiter.api.Test;

/**
 * Where a read stops. The cases are the ones Pulsar's ids make tricky: batches, batch indexes the
 * broker does not report, ids restored from bytes, empty topics.
 */
class EndOfLogTest {

    private static final EndOfLog AT_SINGLE_MESSAGE = EndOfLog.at(id(7, 3, -1, 0));
    private static final EndOfLog AT_INDEX_4_OF_A_BATCH = EndOfLog.at(id(7, 3, 4, 0));
    private static final EndOfLog AT_A_BATCH_OF_UNKNOWN_INDEX = EndOfLog.at(id(7, 3, -1, 0));
    private static final EndOfLog EMPTY = EndOfLog.at(id(-1, -1, -1, 0));

    @Test
    void a_read_goes_on_while_the_cursor_is_in_an_earlier_entry_or_ledger() {
        assertThat(AT_SINGLE_MESSAGE.after(id(7, 2, -1, 0))).isEqualTo(Progress.MORE);
        assertThat(AT_SINGLE_MESSAGE.after(id(6, 90, 5, 10))).isEqualTo(Progress.MORE);
        assertThat(AT_SINGLE_MESSAGE.after(MessageId.earliest)).isEqualTo(Progress.MORE);
    }

    @Test
    void a_read_stops_at_the_last_message_or_past_it() {
        assertThat(AT_SINGLE_MESSAGE.after(id(7, 3, -1, 0))).isEqualTo(Progress.DONE);
        assertThat(AT_SINGLE_MESSAGE.after(id(8, 0, -1, 0))).isEqualTo(Progress.DONE);
    }

    @Test
    void inside_the_last_batch_the_cursor_s_own_batch_size_decides_even_if_the_broker_gave_no_index() {
        assertThat(AT_A_BATCH_OF_UNKNOWN_INDEX.after(id(7, 3, 0, 5))).isEqualTo(Progress.MORE);
        assertThat(AT_A_BATCH_OF_UNKNOWN_INDEX.after(id(7, 3, 3, 5))).isEqualTo(Progress.MORE);
        assertThat(AT_A_BATCH_OF_UNKNOWN_INDEX.after(id(7, 3, 4, 5))).isEqualTo(Progress.DONE);
    }

    @Test
    void inside_the_last_batch_without_a_batch_size_the_broker_s_index_decides() {
        assertThat(AT_INDEX_4_OF_A_BATCH.after(id(7, 3, 2, 0))).isEqualTo(Progress.MORE);
        assertThat(AT_INDEX_4_OF_A_BATCH.after(id(7, 3, 4, 0))).isEqualTo(Progress.DONE);
    }

    @Test
    void with_neither_a_batch_size_nor_an_index_the_broker_must_be_asked() {
        assertThat(AT_A_BATCH_OF_UNKNOWN_INDEX.after(id(7, 3, 2, 0))).isEqualTo(Progress.UNKNOWN);
    }

    @Test
    void an_empty_topic_or_ledger_is_no_end_to_compare_with_so_the_broker_must_be_asked() {
        assertThat(EMPTY.after(MessageId.earliest)).isEqualTo(Progress.UNKNOWN);
        assertThat(EndOfLog.at(id(9, -1, -1, 0)).after(id(8, 5, -1, 0))).isEqualTo(Progress.UNKNOWN);
    }

    @Test
    void only_messages_of_later_entries_were_appended_after_the_read_started() {
        assertThat(AT_INDEX_4_OF_A_BATCH.isPassedBy(id(7, 3, 9, 10))).isFalse();
        assertThat(AT_INDEX_4_OF_A_BATCH.isPassedBy(id(7, 4, 0, 10))).isTrue();
        assertThat(AT_INDEX_4_OF_A_BATCH.isPassedBy(id(8, 0, -1, 0))).isTrue();
        assertThat(EMPTY.isPassedBy(id(3, 0, -1, 0))).isTrue();
        assertThat(EndOfLog.at(id(9, -1, -1, 0)).isPassedBy(id(8, 5, -1, 0))).isFalse();
        assertThat(EndOfLog.at(id(9, -1, -1, 0)).isPassedBy(id(9, 0, -1, 0))).isTrue();
    }

    private static MessageIdAdv id(long ledgerId, long entryId, int batchIndex, int batchSize) {
        return new FakeId(ledgerId, entryId, batchIndex, batchSize);
    }

    /** Only the parts of an id that the end compares. */
    private record FakeId(long ledgerId, long entryId, int batchIndex, int batchSize) implements MessageIdAdv {

        @Override
        public long getLedgerId() {
            return ledgerId;
        }

        @Override
        public long getEntryId() {
            return entryId;
        }

        @Override
        public int getBatchIndex() {
            return batchIndex;
        }

        @Override
        public int getBatchSize() {
            return batchSize;
        }

        @Override
        public byte[] toByteArray() {
            throw new UnsupportedOperationException("not needed here");
        }
    }
}

package com.acme.wallet.application.check;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The topic as a list of events, read whole from its beginning as the checker reads it. It can end
 * with a message that is not an event, and run a step at the start of a given read (a consumer
 * persisting what it received, for example).
 */
final class ScriptedTopic implements ReadEventLogPort {

    static final String PARTITION = "persistent://public/default/wallet-events";

    private final List<LoggedEvent> events = new ArrayList<>();
    private boolean endsUnreadable;
    private IntConsumer onRead = read -> {};
    private int reads;

    ScriptedTopic append(List<WalletEvent> appended) {
        for (WalletEvent event : appended) {
            byte[] position = ByteBuffer.allocate(Long.BYTES).putLong(events.size() + 1).array();
            events.add(new LoggedEvent(event, new LogPosition(PARTITION, position)));
        }
        return this;
    }

    /** Ends the topic, after its events, with a message that cannot be read. */
    ScriptedTopic endingUnreadable() {
        endsUnreadable = true;
        return this;
    }

    /** Runs a step at the start of every read, given the read's number (1 for the first). */
    ScriptedTopic onEachRead(IntConsumer step) {
        onRead = step;
        return this;
    }

    int reads() {
        return reads;
    }

    @Override
    public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
        reads++;
        onRead.accept(reads);
        events.forEach(sink);
        if (endsUnreadable) {
            byte[] position = ByteBuffer.allocate(Long.BYTES).putLong(events.size() + 1).array();
            throw new UnreadableEventException(new LogPosition(PARTITION, position), "not a wallet event", null);
        }
    }

    @Override
    public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
        throw new UnsupportedOperationException("the checker reads to the end");
    }
}

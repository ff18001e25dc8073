package com.acme.wallet.application.history;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import java.util.Objects;

/** Whether the store of persisted events and the durable log are one history; see {@link OneHistoryCheck}. */
public sealed interface HistoryAgreement {

    /**
     * What an operator can do when they are not, for both programs' refusal to start and the README.
     * Nothing has been changed when this is shown.
     */
    String RECOVERY_STEPS = """
            PostgreSQL and the Pulsar topic are not one history; nothing was changed. To recover, either:
              1. point the programs at the right pair: check WALLET_PULSAR_TOPIC and WALLET_DB_URL (a copy of
                 the database of another installation, or a topic of another one, is the usual cause), or
              2. restore the PostgreSQL backup that belongs to this topic, then start again, or
              3. rebuild PostgreSQL from the topic: stop both programs, drop and re-create the database
                 empty, start the batch consumer alone until it has persisted the whole topic, then the
                 REST API. Only if the topic still holds the whole history: a truncated or replaced topic
                 lacks events PostgreSQL holds; restore the topic (or its offloaded ledgers) first.""";

    /**
     * They agree: every persisted position is in the log, holding the event persisted for it.
     *
     * @param persisted the store's last persisted positions, to resume the log after
     */
    record Agrees(LogPositions persisted) implements HistoryAgreement {

        /** Checks the positions are given. */
        public Agrees {
            Objects.requireNonNull(persisted, "persisted");
        }
    }

    /**
     * They do not: the log holds something else at a persisted position, or nothing.
     *
     * @param position the persisted position
     * @param finding what the log and the store hold there, one sentence
     */
    record Disagrees(LogPosition position, String finding) implements HistoryAgreement {

        /** Checks the parts are given. */
        public Disagrees {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(finding, "finding");
        }

        /** {@return the finding and the recovery steps, for an operator} */
        public String report() {
            return "PostgreSQL's stored log position " + position + " is not in the topic: " + finding + "\n"
                    + RECOVERY_STEPS;
        }
    }
}

package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 7: both programs refuse to start, with a distinct status and the recovery steps, when
 * PostgreSQL's stored position is not in the topic; here the topic was deleted and re-created.
 */
class NotOneHistoryIT {

    /** The status both programs exit with when PostgreSQL and the topic are not one history. */
    private static final int NOT_ONE_HISTORY = 5;

    @Test
    void both_programs_refuse_to_start_when_the_topic_was_replaced_and_change_nothing() {
        try (Stack stack = new Stack()) {
            try (ProgramProcess consumer = stack.startBatchConsumer(); Stack.RestApi api = stack.startRestApi()) {
                assertThat(api.client().open("andrei", 100).status()).isEqualTo(201);
                assertThat(api.client().add("andrei", 10, "wonbet-1").status()).isEqualTo(201);
                Stack.await(() -> "PostgreSQL to hold andrei's two transactions\n" + consumer.logTail(),
                        Stack.STARTUP, () -> stack.queryLong("SELECT count(*) FROM transactions") == 2);
            }
            stack.deleteTopic();

            try (ProgramProcess consumer = stack.startBatchConsumer()) {
                assertThat(consumer.awaitExit(Stack.STARTUP)).as(consumer.logTail()).isEqualTo(NOT_ONE_HISTORY);
                assertThat(consumer.output()).contains("is not in the topic").contains("rebuild PostgreSQL from the topic");
            }
            try (Stack.RestApi api = stack.startRestApi(Map.of())) {
                assertThat(api.process().awaitExit(Stack.STARTUP)).as(api.process().logTail())
                        .isEqualTo(NOT_ONE_HISTORY);
                assertThat(api.process().output()).contains("is not in the topic")
                        .contains("rebuild PostgreSQL from the topic");
            }
            assertThat(stack.queryLong("SELECT count(*) FROM transactions")).isEqualTo(2);
            assertThat(stack.queryLong("SELECT balance_cents FROM wallets WHERE wallet_id = 'andrei'")).isEqualTo(110);
        }
    }
}

package com.acme.wallet.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.testsupport.PrivatePulsar;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both programs started while their Pulsar broker is down: neither exits, each logs that it waits,
 * the REST API answers {@code /health} 503 meanwhile, SIGTERM still stops them with 0, and once the
 * broker is up they serve and persist without a restart.
 *
 * <p>The broker is this class's own ({@link PrivatePulsar}), so that it may be stopped. Every wait
 * is for a condition, with bounds sized for a loaded 2-core machine.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PulsarDownAtStartIT {

    /** Long enough for several attempts of the back-off, which ends at 5 s between attempts. */
    private static final Duration WAITING_SEEN = Duration.ofSeconds(60);
    /** A program that waits must stop at once on SIGTERM: no attempt in progress holds it long. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(20);
    /** After the broker is ready: the last pause (5 s), the topic set-up, subscribing, loading. */
    private static final Duration READY_AFTER_BROKER = Duration.ofSeconds(120);

    private static PrivatePulsar pulsar;
    private static boolean pulsarRunning;

    @BeforeAll
    static void startTheBroker() {
        pulsar = PrivatePulsar.start();
        pulsarRunning = true;
    }

    @AfterAll
    static void removeTheBroker() {
        if (pulsar != null) {
            pulsar.close();
        }
    }

    @Test
    void both_programs_started_while_pulsar_is_down_wait_for_it_and_still_stop_with_0_on_sigterm() {
        brokerDown();
        try (Stack stack = new Stack(pulsar);
                ProgramProcess consumer = stack.startBatchConsumer();
                Stack.RestApi api = stack.startRestApi(Stack.freePort(), Map.of())) {
            awaitWaitingLogged(consumer);
            awaitWaitingLogged(api.process());
            Stack.await("the REST API to answer /health 503 while it waits", WAITING_SEEN,
                    () -> api.client().health().status() == 503);

            assertThat(consumer.isAlive()).as(consumer.logTail()).isTrue();
            assertThat(api.process().isAlive()).as(api.process().logTail()).isTrue();
            assertStopsWithZeroInTime(consumer);
            assertStopsWithZeroInTime(api.process());
        }
    }

    @Test
    void both_programs_started_while_pulsar_is_down_serve_and_persist_once_it_is_up() {
        brokerDown();
        try (Stack stack = new Stack(pulsar);
                ProgramProcess consumer = stack.startBatchConsumer();
                Stack.RestApi api = stack.startRestApi(Stack.freePort(), Map.of())) {
            awaitWaitingLogged(consumer);
            awaitWaitingLogged(api.process());
            assertThat(consumer.isAlive()).as(consumer.logTail()).isTrue();
            assertThat(api.process().isAlive()).as(api.process().logTail()).isTrue();

            pulsar.restart();
            pulsarRunning = true;

            Stack.await(() -> "the REST API to be ready after the broker\n" + api.process().logTail(),
                    READY_AFTER_BROKER, () -> {
                        assertThat(api.process().isAlive()).as(api.process().logTail()).isTrue();
                        return api.client().isHealthy();
                    });
            assertThat(api.client().open("waited", 100).status()).isEqualTo(201);
            assertThat(api.client().add("waited", 10, "after-the-outage").status()).isEqualTo(201);
            Stack.await(() -> "the batch consumer to persist both changes\n" + consumer.logTail(),
                    READY_AFTER_BROKER, () -> {
                        assertThat(consumer.isAlive()).as(consumer.logTail()).isTrue();
                        return stack.queryLong("SELECT count(*) FROM transactions WHERE wallet_id = ?", "waited")
                                == 2;
                    });
            assertThat(stack.queryLong("SELECT balance_cents FROM wallets WHERE wallet_id = ?", "waited"))
                    .isEqualTo(110);
        }
    }

    private static void brokerDown() {
        if (pulsarRunning) {
            pulsar.stop();
            pulsarRunning = false;
        }
    }

    /** The first step of each program is the topic set-up through the admin API; its failure is logged. */
    private static void awaitWaitingLogged(ProgramProcess program) {
        Stack.await(() -> "a logged wait for Pulsar\n" + program.logTail(), WAITING_SEEN, () -> {
            assertThat(program.isAlive()).as(program.logTail()).isTrue();
            String output = program.output();
            return output.contains("through the Pulsar admin API at") && output.contains("retrying in");
        });
    }

    private static void assertStopsWithZeroInTime(ProgramProcess program) {
        long signalledNanos = System.nanoTime();
        int status = program.stopGracefully();
        Duration took = Duration.ofNanos(System.nanoTime() - signalledNanos);

        assertThat(status).as(program.logTail()).isZero();
        assertThat(took).as(program.logTail()).isLessThan(STOP_BOUND);
    }
}

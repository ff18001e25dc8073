package com.acme.wallet.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.check.CheckOutcome;
import com.acme.wallet.application.check.CheckReport;
import com.acme.wallet.application.check.ConservationCheck;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReadEventLogPort;
import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.domain.WalletId;
import com.acme.wallet.domain.WalletOpened;
import com.acme.wallet.testsupport.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The application's conservation check over {@link JdbiLedgerQueries} and a real PostgreSQL, with
 * the batch consumer's own store persisting the events at the moment that once made the report's
 * figures disagree.
 */
class ConservationCheckIT {

    private static final String PARTITION = "persistent://public/default/check-it";
    private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void the_transactions_figure_is_what_postgresql_holds_when_the_consumer_catches_up_during_the_comparison() {
        try (TestPostgres postgres = TestPostgres.freshDatabase();
                PostgresDatabase database = PostgresDatabase.open(
                        PostgresSettings.of(postgres.jdbcUrl(), postgres.user(), postgres.password()))) {
            List<LoggedEvent> topic = eightEventsOfThreeWallets();
            JdbiEventStore consumer = new JdbiEventStore(database.jdbi(), PostgresDatabase.TIMESTAMP_CLOCK);
            AtomicInteger reads = new AtomicInteger();
            // The consumer persists the whole topic just after the checker counted the stored
            // transactions and started reading: the case a busy CI machine once hit.
            ReadEventLogPort log = new ReadEventLogPort() {
                @Override
                public void readAfter(LogPositions positions, Consumer<LoggedEvent> sink) {
                    if (reads.incrementAndGet() == 1) {
                        consumer.persist(topic);
                    }
                    topic.forEach(sink);
                }

                @Override
                public void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink) {
                    throw new UnsupportedOperationException("the checker reads to the end");
                }
            };

            JdbiLedgerQueries ledger = new JdbiLedgerQueries(database.jdbi());
            CheckOutcome outcome = new ConservationCheck(ledger, ledger, ledger, log, Optional.empty(),
                    new ConservationCheck.Settings(20, 1_000, Duration.ofSeconds(60), Duration.ofMillis(10))).run();

            assertThat(outcome).isInstanceOf(CheckOutcome.Holds.class);
            CheckReport report = ((CheckOutcome.Holds) outcome).report();

            assertThat(printed(report)).contains("CHECK PASSED: violations=0 topic_events=8 transactions=8 "
                    + "caught_up=1 wallets=3");
        }
    }

    private static List<LoggedEvent> eightEventsOfThreeWallets() {
        List<WalletEvent> events = List.of(
                opened("andrei", 100), changed("andrei", 2, FundsOperation.ADD, 10, "wonbet-1"),
                changed("andrei", 3, FundsOperation.REMOVE, 50, "lostbet-2"),
                opened("bob", 0), changed("bob", 2, FundsOperation.ADD, 7, "bonus-1"),
                opened("carol", 20), changed("carol", 2, FundsOperation.REMOVE, 5, "bet-1"),
                changed("carol", 3, FundsOperation.ADD, 9, "win-1"));
        List<LoggedEvent> logged = new ArrayList<>();
        for (WalletEvent event : events) {
            byte[] position = ByteBuffer.allocate(Long.BYTES).putLong(logged.size() + 1).array();
            logged.add(new LoggedEvent(event, new LogPosition(PARTITION, position)));
        }
        return logged;
    }

    private static WalletEvent opened(String wallet, long openingCents) {
        return new WalletOpened(UUID.randomUUID(), WalletId.of(wallet), 1, Amount.ofCents(openingCents), AT);
    }

    private static WalletEvent changed(String wallet, long sequence, FundsOperation operation, long amountCents,
            String reference) {
        return new FundsChanged(UUID.randomUUID(), WalletId.of(wallet), sequence, operation,
                Amount.positive(amountCents), Reference.of(reference), AT.plusSeconds(sequence));
    }

    private static String printed(CheckReport report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.printTo(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}

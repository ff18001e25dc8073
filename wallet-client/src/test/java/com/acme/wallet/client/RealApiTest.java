package com.acme.wallet.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.adapter.http.Authentication;
import com.acme.wallet.adapter.http.HttpSettings;
import com.acme.wallet.adapter.http.JavalinWalletApi;
import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.WriterSettings;
import com.acme.wallet.application.inmemory.InMemoryEventLog;
import com.acme.wallet.application.inmemory.InMemoryStoredChanges;
import com.acme.wallet.application.inmemory.InMemoryWalletHistory;
import com.acme.wallet.application.service.WalletServices;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the service's real HTTP API, in-process over the in-memory log, as the
 * adapter's own tests run it: the client reads every answer the API gives as the API means it.
 */
class RealApiTest {

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final WalletWriter writer = new WalletWriter(log, log, log, new InMemoryStoredChanges(), Clock.systemUTC(),
            UUID::randomUUID, WriterSettings.defaults());
    private final Javalin app;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final WalletClient client;

    RealApiTest() {
        writer.start();
        app = new JavalinWalletApi(HttpSettings.defaults("127.0.0.1", 0), Authentication.none(),
                WalletServices.over(writer, new InMemoryWalletHistory(log::events))).create().start();
        client = WalletClient.builder(URI.create("http://127.0.0.1:" + app.port())).listener(exchanges::add)
                .requestIds(() -> "test-" + UUID.randomUUID()).build();
    }

    @AfterEach
    void stop() {
        app.stop();
        writer.close();
    }

    @Test
    void funds_calls_answer_receipts_replays_and_refusals_as_the_api_means_them() {
        assertThat(client.isReady()).isTrue();
        assertThat(client.openWallet("andrei", 100)).isEqualTo(new Answer.Success<>(new Wallet("andrei", 100)));

        Outcome added = client.addFunds("andrei", 10, "wonbet-1");
        Outcome again = client.addFunds("andrei", 10, "wonbet-1");
        Outcome removed = client.removeFunds("andrei", 50, "lostbet-2");
        Outcome tooMuch = client.removeFunds("andrei", 1_000, "lostbet-3");
        Outcome conflict = client.removeFunds("andrei", 10, "wonbet-1");

        assertThat(added).isEqualTo(new Outcome.Applied(new Receipt("andrei", "wonbet-1", 10, 110, 2, Optional.empty(),
                Optional.empty(), Optional.empty()), Outcome.Confirmation.ANSWERED));
        assertThat(((Outcome.Applied) again).confirmation()).isEqualTo(Outcome.Confirmation.REPLAYED);
        assertThat(((Outcome.Applied) removed).receipt().balanceCents()).isEqualTo(60);
        Outcome.Refused refused = (Outcome.Refused) tooMuch;
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(refused.refusal().status()).isEqualTo(422);
        assertThat(refused.refusal().balanceCents()).hasValue(60);
        assertThat(((Outcome.Refused) conflict).code()).isEqualTo(ErrorCode.REFERENCE_CONFLICT);
        assertThat(client.balance("andrei")).isEqualTo(new Answer.Success<>(new Wallet("andrei", 60)));
        assertThat(((Answer.Refused<Wallet>) client.openWallet("andrei", 5)).code()).isEqualTo(ErrorCode.WALLET_EXISTS);
        assertThat(((Answer.Refused<Wallet>) client.balance("nobody")).code()).isEqualTo(ErrorCode.WALLET_NOT_FOUND);
    }

    @Test
    void betting_calls_and_reads_answer_rounds_tombstones_lookups_and_pages() {
        client.openWallet("maria", 1_000);

        Outcome bet = client.bet("maria", RoundLeg.of("tx-123", "r-9", 500).withMetadata(Map.of("game", "x")));
        Outcome win = client.win("maria", RoundLeg.of("tx-124", "r-9", 1_200).closingRound());
        Outcome late = client.bet("maria", RoundLeg.of("tx-125", "r-9", 10));
        Outcome tombstone = client.rollback("maria", "rb-77", "tx-200");
        Outcome rolledBackBefore = client.bet("maria", RoundLeg.of("tx-200", "r-10", 300));

        assertThat(((Outcome.Applied) bet).receipt()).isEqualTo(new Receipt("maria", "tx-123", 500, 500, 2,
                Optional.of("r-9"), Optional.empty(), Optional.empty()));
        assertThat(((Outcome.Applied) win).receipt().balanceCents()).isEqualTo(1_700);
        assertThat(((Outcome.Refused) late).code()).isEqualTo(ErrorCode.ROUND_CLOSED);
        Receipt nothingRolledBack = ((Outcome.Applied) tombstone).receipt();
        assertThat(nothingRolledBack.originalReference()).hasValue("tx-200");
        assertThat(nothingRolledBack.originalOutcome()).hasValue("unknown");
        assertThat(((Outcome.Refused) rolledBackBefore).code()).isEqualTo(ErrorCode.TRANSACTION_ROLLED_BACK);

        Transaction refusedLeg = client.transaction("maria", "tx-125").value().orElseThrow();
        assertThat(refusedLeg.outcome()).isEqualTo(Transaction.REJECTED);
        assertThat(refusedLeg.code()).hasValue(ErrorCode.ROUND_CLOSED);
        Transaction preempted = client.transaction("maria", "tx-200").value().orElseThrow();
        assertThat(preempted.outcome()).isEqualTo(Transaction.TOMBSTONE);
        assertThat(preempted.rolledBackBy()).hasValue("rb-77");
        assertThat(((Answer.Refused<Transaction>) client.transaction("maria", "never")).code())
                .isEqualTo(ErrorCode.TRANSACTION_NOT_FOUND);

        HistoryPage first = client.history("maria", HistoryQuery.newest().withLimit(2).oldestFirst()).value().orElseThrow();
        assertThat(first.items()).extracting(Transaction::type).containsExactly("OPEN", "BET");
        assertThat(first.items().get(1).metadata()).isEqualTo(Map.of("game", "x"));
        HistoryPage second = client.history("maria", HistoryQuery.newest().withLimit(2).oldestFirst()
                .after(first.nextCursor().orElseThrow())).value().orElseThrow();
        assertThat(second.items()).extracting(Transaction::type).containsExactly("WIN", "BET");

        Round round = client.round("maria", "r-9").value().orElseThrow();
        assertThat(round.status()).isEqualTo("CLOSED");
        assertThat(round.stakedCents()).isEqualTo(500);
        assertThat(round.wonCents()).isEqualTo(1_200);
        assertThat(round.legs()).extracting(Round.Leg::reference).containsExactly("tx-123", "tx-124");
        assertThat(exchanges).allSatisfy(exchange -> assertThat(exchange.responseHeader("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("test-")));
    }
}

package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.appendAll;
import static com.acme.wallet.adapter.pulsar.RealPulsar.eventsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.testsupport.SecuredPulsar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topic trusts only the writer: on a broker with token authentication and authorisation on,
 * and the permissions granted exactly as the README's Security section says, only the REST API's
 * role may produce, only the batch consumer's role may use its subscription, and a client without
 * a token gets nothing.
 */
class PulsarAuthorizationIT {

    private static final String REST_API = "wallet-rest-api";
    private static final String BATCH_CONSUMER = "wallet-batch-consumer";
    private static final String INTRUDER = "intruder";
    private static final String PRODUCE_ONLY = "produce-only";
    private static final String SUBSCRIPTION = PulsarBatchReceiverSettings.DEFAULT_SUBSCRIPTION;

    private static SecuredPulsar broker;
    private static String topic;

    private final TestEvents events = new TestEvents();

    @BeforeAll
    static void startBrokerAndGrantAsTheReadmeSays() {
        broker = SecuredPulsar.startWithTls(REST_API, BATCH_CONSUMER, INTRUDER, PRODUCE_ONLY);
        topic = "persistent://public/default/transactions-" + UUID.randomUUID();
        broker.pulsarAdmin("topics", "create", topic);
        broker.pulsarAdmin("namespaces", "set-retention", "public/default", "--time", "-1", "--size", "-1");
        broker.pulsarAdmin("topics", "set-retention", topic, "--time", "-1", "--size", "-1");
        broker.pulsarAdmin("topics", "create-subscription", topic, "--subscription", SUBSCRIPTION,
                "--messageId", "earliest");
        broker.pulsarAdmin("topics", "grant-permission", topic, "--role", REST_API, "--actions", "produce,consume");
        broker.pulsarAdmin("topics", "grant-permission", topic, "--role", BATCH_CONSUMER, "--actions", "consume");
        broker.pulsarAdmin("namespaces", "grant-subscription-permission", "public/default",
                "--subscription", SUBSCRIPTION, "--roles", BATCH_CONSUMER);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void the_rest_api_role_checks_the_topic_appends_and_reads_the_log_back_with_its_token_from_a_file()
            throws Exception {
        PulsarCredentials restApi = tokenFileOf(REST_API);
        new PulsarTopicSetup(setupAs(restApi)).ensure();
        List<WalletEvent> written = events.interleaved(20, "andrei", "maria");

        try (PulsarConnection connection = connectAs(restApi)) {
            try (PulsarEventLog log = PulsarEventLog.open(connection, PulsarEventLogSettings.defaults().withTopic(topic))) {
                appendAll(log, written);
            }
            // A reader's subscription is non-durable and randomly named: the topic's consume permission suffices.
            PulsarLogReader reader = new PulsarLogReader(connection, PulsarLogReaderSettings.defaults().withTopic(topic));
            List<LoggedEvent> read = RealPulsar.readAfter(reader, LogPositions.none());
            assertThat(eventsOf(read)).containsSubsequence(written);
        }
    }

    @Test
    void a_producer_with_the_batch_consumers_role_or_an_unknown_role_is_refused() {
        // A role without any permission on the topic is refused already when its client looks the topic up.
        Map<String, String> refusals = Map.of(BATCH_CONSUMER, "not authorized to Produce",
                INTRUDER, "not authorized to Get Partition Metadata");
        for (String role : List.of(BATCH_CONSUMER, INTRUDER)) {
            try (PulsarConnection connection = connectAs(tokenOf(role))) {
                assertThatThrownBy(() -> PulsarEventLog.open(connection, PulsarEventLogSettings.defaults().withTopic(topic)))
                        .as("a producer of %s", role)
                        .isInstanceOf(PulsarUnavailableException.class)
                        .isNotInstanceOf(PulsarWriterFencedException.class)
                        .hasCauseInstanceOf(PulsarClientException.AuthorizationException.class)
                        .cause().hasMessageContaining(refusals.get(role));
            }
        }
    }

    @Test
    void the_rest_api_needs_consume_as_well_as_produce_because_its_reader_is_a_consumer() {
        broker.pulsarAdmin("topics", "grant-permission", topic, "--role", PRODUCE_ONLY, "--actions", "produce");

        try (PulsarConnection connection = connectAs(tokenOf(PRODUCE_ONLY))) {
            PulsarLogReader reader = new PulsarLogReader(connection, PulsarLogReaderSettings.defaults().withTopic(topic));
            assertThatThrownBy(() -> RealPulsar.readAfter(reader, LogPositions.none()))
                    .isInstanceOf(PulsarUnavailableException.class)
                    .hasRootCauseInstanceOf(PulsarClientException.AuthorizationException.class)
                    .hasStackTraceContaining("not authorized");
        }
    }

    @Test
    void a_client_without_a_token_may_neither_produce_nor_read() {
        try (PulsarConnection connection = connectAs(PulsarCredentials.NONE)) {
            assertThatThrownBy(() -> PulsarEventLog.open(connection, PulsarEventLogSettings.defaults().withTopic(topic)))
                    .isInstanceOf(PulsarUnavailableException.class)
                    .hasCauseInstanceOf(PulsarClientException.AuthenticationException.class);
            PulsarLogReader reader = new PulsarLogReader(connection, PulsarLogReaderSettings.defaults().withTopic(topic));
            assertThatThrownBy(() -> RealPulsar.readAfter(reader, LogPositions.none()))
                    .isInstanceOf(PulsarUnavailableException.class)
                    .hasRootCauseInstanceOf(PulsarClientException.AuthenticationException.class);
        }
    }

    @Test
    void only_the_batch_consumers_role_may_use_its_subscription() throws Exception {
        Map<String, String> refusals = Map.of(REST_API, "not authorized to subscribe",
                INTRUDER, "not authorized to Get Partition Metadata");
        for (String role : List.of(REST_API, INTRUDER)) {
            try (PulsarConnection connection = connectAs(tokenOf(role))) {
                assertThatThrownBy(() -> subscribe(connection).close())
                        .as("subscribing as %s", role)
                        .isInstanceOf(PulsarClientException.AuthorizationException.class)
                        .hasMessageContaining(refusals.get(role));
            }
        }
        try (PulsarConnection connection = connectAs(tokenOf(BATCH_CONSUMER));
                PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(connection,
                        PulsarBatchReceiverSettings.defaults().withTopic(topic, SUBSCRIPTION))) {
            assertThat(receiver.isConnected()).isTrue();
        }
    }

    @Test
    void the_topic_setup_of_a_role_that_may_not_use_the_topic_fails_and_says_what_to_do() {
        assertThatThrownBy(() -> new PulsarTopicSetup(setupAs(tokenOf(INTRUDER))).ensure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is missing, or this program's Pulsar role may not use it")
                .hasMessageContaining("README");
    }

    @Test
    void the_topic_setup_of_a_program_role_fails_when_no_operator_created_the_topic() {
        PulsarTopicSetupSettings missing = setupAs(tokenFileOf(REST_API))
                .withTopic("persistent://public/default/never-created-" + UUID.randomUUID(), SUBSCRIPTION);

        assertThatThrownBy(() -> new PulsarTopicSetup(missing).ensure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("create the topic");
    }

    @Test
    void the_topic_setup_of_the_batch_consumers_role_accepts_the_operators_topic() {
        new PulsarTopicSetup(setupAs(tokenOf(BATCH_CONSUMER))).ensure();
    }

    @Test
    void a_token_the_broker_did_not_sign_is_refused_by_the_admin_api_without_appearing_in_the_message() {
        String forged = broker.token(INTRUDER).substring(0, broker.token(INTRUDER).lastIndexOf('.')) + ".Zm9yZ2Vk";
        PulsarCredentials credentials = new PulsarCredentials(PulsarToken.valueOrFile(forged, null), Optional.empty());

        assertThatThrownBy(() -> new PulsarTopicSetup(setupAs(credentials)).ensure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining(forged);
    }

    @Test
    void over_tls_the_rest_api_role_checks_the_topic_and_appends_trusting_the_brokers_ca() throws Exception {
        PulsarCredentials restApi = new PulsarCredentials(PulsarToken.valueOrFile(null, broker.tokenFile(REST_API)),
                Optional.of(broker.trustedCertificates()));

        new PulsarTopicSetup(PulsarTopicSetupSettings.defaults(broker.tlsAdminUrl()).withTopic(topic, SUBSCRIPTION)
                .withCredentials(restApi)).ensure();
        try (PulsarConnection connection = PulsarConnection.open(
                        PulsarConnectionSettings.defaults(broker.tlsServiceUrl()).withCredentials(restApi));
                PulsarEventLog log = PulsarEventLog.open(connection, PulsarEventLogSettings.defaults().withTopic(topic))) {
            appendAll(log, events.interleaved(3, "tls"));
        }
    }

    @Test
    void the_admin_api_over_tls_is_refused_when_its_certificate_does_not_name_the_host_or_is_not_trusted() {
        PulsarCredentials trusting = new PulsarCredentials(PulsarToken.valueOrFile(broker.token(REST_API), null),
                Optional.of(broker.trustedCertificates()));
        PulsarCredentials defaultTrust = new PulsarCredentials(PulsarToken.valueOrFile(broker.token(REST_API), null),
                Optional.empty());
        String byAddress = broker.tlsAdminUrl().replace("localhost", "127.0.0.1");

        assertThatThrownBy(() -> new PulsarTopicSetup(PulsarTopicSetupSettings.defaults(byAddress)
                        .withTopic(topic, SUBSCRIPTION).withCredentials(trusting)).ensure())
                .isInstanceOf(PulsarUnavailableException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
                .rootCause().hasMessageContaining("127.0.0.1");
        assertThatThrownBy(() -> new PulsarTopicSetup(PulsarTopicSetupSettings.defaults(broker.tlsAdminUrl())
                        .withTopic(topic, SUBSCRIPTION).withCredentials(defaultTrust)).ensure())
                .isInstanceOf(PulsarUnavailableException.class)
                .hasStackTraceContaining("PKIX path building failed");
    }

    @Test
    void the_client_over_tls_is_refused_when_it_does_not_trust_the_brokers_ca() {
        // Not a host name mismatch: the client checks the certificate against InetSocketAddress.getHostName(),
        // which turns 127.0.0.1 back into "localhost" here, so no portable mismatch is at hand on one machine.
        PulsarCredentials defaultTrust = new PulsarCredentials(PulsarToken.valueOrFile(broker.token(REST_API), null),
                Optional.empty());

        try (PulsarConnection connection = PulsarConnection.open(
                PulsarConnectionSettings.defaults(broker.tlsServiceUrl()).withCredentials(defaultTrust))) {
            assertThatThrownBy(() -> PulsarEventLog.open(connection, PulsarEventLogSettings.defaults().withTopic(topic)))
                    .isInstanceOf(PulsarUnavailableException.class);
        }
    }

    private static Consumer<byte[]> subscribe(PulsarConnection connection) throws PulsarClientException {
        return connection.client().newConsumer(Schema.BYTES).topic(topic).subscriptionName(SUBSCRIPTION)
                .subscriptionType(SubscriptionType.Failover).subscribe();
    }

    private static PulsarConnection connectAs(PulsarCredentials credentials) {
        return PulsarConnection.open(PulsarConnectionSettings.defaults(broker.serviceUrl()).withCredentials(credentials));
    }

    private static PulsarTopicSetupSettings setupAs(PulsarCredentials credentials) {
        return PulsarTopicSetupSettings.defaults(broker.adminUrl()).withTopic(topic, SUBSCRIPTION)
                .withCredentials(credentials);
    }

    private static PulsarCredentials tokenFileOf(String role) {
        return new PulsarCredentials(PulsarToken.valueOrFile(null, broker.tokenFile(role)), Optional.empty());
    }

    private static PulsarCredentials tokenOf(String role) {
        return new PulsarCredentials(PulsarToken.valueOrFile(broker.token(role), null), Optional.empty());
    }
}

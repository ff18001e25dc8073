package com.acme.wallet.app.options;

import com.acme.wallet.adapter.pulsar.PulsarBatchReceiverSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnectionSettings;
import com.acme.wallet.adapter.pulsar.PulsarCredentials;
import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings;
import com.acme.wallet.adapter.pulsar.PulsarToken;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetupSettings;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the event log is: the options both programs take to reach Pulsar, as a picocli mixin
 * ({@code @Mixin PulsarOptions pulsar;}). Each is also read from its {@code WALLET_*} environment
 * variable. The service URL and the topic are inherited by subcommands (the batch consumer's
 * {@code check}), given on either side of the subcommand's name, and so are the credentials.
 *
 * <p>The credentials serve both the client and the admin API: a token (a JWT, preferably in a file,
 * which is read again at every connection so that a rotated token is picked up) and a PEM file of
 * the CA certificates a {@code pulsar+ssl://} and {@code https://} broker must present.
 */
public final class PulsarOptions {

    @Option(names = "--pulsar-url", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_PULSAR_URL:-" + PulsarConnectionSettings.DEFAULT_SERVICE_URL + "}",
            description = "Pulsar service URL. Env WALLET_PULSAR_URL; default ${DEFAULT-VALUE}.")
    private String url;

    @Option(names = "--pulsar-admin-url",
            defaultValue = "${env:WALLET_PULSAR_ADMIN_URL:-" + PulsarTopicSetupSettings.DEFAULT_ADMIN_URL + "}",
            description = "Pulsar admin URL. Env WALLET_PULSAR_ADMIN_URL; default ${DEFAULT-VALUE}.")
    private String adminUrl;

    @Option(names = "--topic", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_PULSAR_TOPIC:-" + PulsarEventLogSettings.DEFAULT_TOPIC + "}",
            description = "The event log's topic. Env WALLET_PULSAR_TOPIC; default ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--subscription",
            defaultValue = "${env:WALLET_PULSAR_SUBSCRIPTION:-" + PulsarBatchReceiverSettings.DEFAULT_SUBSCRIPTION + "}",
            description = "The batch consumer's durable Failover subscription, through which the log is "
                    + "persisted; a second consumer on it is a hot standby. Env WALLET_PULSAR_SUBSCRIPTION; "
                    + "default ${DEFAULT-VALUE}.")
    private String subscription;

    @Option(names = "--pulsar-token-file", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_PULSAR_TOKEN_FILE}",
            description = "A file holding the JSON Web Token this program presents to Pulsar (its role), read again "
                    + "at every connection. Env WALLET_PULSAR_TOKEN_FILE; default none.")
    private Path tokenFile;

    @Option(names = "--pulsar-token", scope = ScopeType.INHERIT, defaultValue = "${env:WALLET_PULSAR_TOKEN:-}",
            description = "The token itself instead (prefer the file: a command line is visible to every user of "
                    + "the machine). Env WALLET_PULSAR_TOKEN; default none.")
    private String token;

    @Option(names = "--pulsar-tls-trust-certs", scope = ScopeType.INHERIT,
            defaultValue = "${env:WALLET_PULSAR_TLS_TRUST_CERTS}",
            description = "A PEM file of the CA certificates the broker's certificate must chain to, for "
                    + "pulsar+ssl:// and https:// URLs (host names are verified); default the JVM's trust store. "
                    + "Env WALLET_PULSAR_TLS_TRUST_CERTS.")
    private Path tlsTrustCerts;

    /**
     * {@return the token and trusted certificates of these options}
     *
     * @throws IllegalArgumentException if both a token and a token file are given, the file cannot be
     *     read or is empty, or the certificates file holds no certificate
     */
    public PulsarCredentials credentials() {
        return new PulsarCredentials(PulsarToken.valueOrFile(token, tokenFile), Optional.ofNullable(tlsTrustCerts));
    }

    /**
     * {@return the client's settings: the default timeouts and limits with these credentials}
     *
     * @throws IllegalArgumentException as {@link #credentials()}, or if they do not fit the URL (trusted
     *     certificates without TLS, a token in clear text to another machine)
     */
    public PulsarConnectionSettings connectionSettings() {
        return PulsarConnectionSettings.defaults(url).withCredentials(credentials());
    }

    /**
     * {@return the topic setup's settings: the admin URL, topic, subscription and credentials}
     *
     * @throws IllegalArgumentException as {@link #connectionSettings()}, for the admin URL
     */
    public PulsarTopicSetupSettings topicSetupSettings() {
        return PulsarTopicSetupSettings.defaults(adminUrl).withTopic(topic, subscription).withCredentials(credentials());
    }

    /** {@return the broker's service URL} */
    public String url() {
        return url;
    }

    /** {@return the broker's admin URL} */
    public String adminUrl() {
        return adminUrl;
    }

    /** {@return the event log's topic} */
    public String topic() {
        return topic;
    }

    /** {@return the batch consumer's subscription} */
    public String subscription() {
        return subscription;
    }
}

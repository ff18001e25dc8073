package com.acme.wallet.app.options;

import com.acme.wallet.adapter.pulsar.PulsarBatchReceiverSettings;
import com.acme.wallet.adapter.pulsar.PulsarConnectionSettings;
import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings;
import com.acme.wallet.adapter.pulsar.PulsarTopicSetupSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Where the event log is: the options both programs take to reach Pulsar, as a picocli mixin
 * ({@code @Mixin PulsarOptions pulsar;}). Each is also read from its {@code WALLET_*} environment
 * variable. The service URL and the topic are inherited by subcommands (the batch consumer's
 * {@code check}), given on either side of the subcommand's name.
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

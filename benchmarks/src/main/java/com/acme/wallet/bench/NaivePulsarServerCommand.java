package com.acme.wallet.bench;

import java.util.concurrent.Callable;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the {@link NaivePulsarServer} until the process is told to stop. */
@Command(name = "naive-pulsar-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchMain.JarVersion.class,
        description = {"The architecture ceiling: one Pulsar message per change, answered on the broker's ack.",
                "",
                "The bare server's routes and parsing, but every change "
                + "sends one Pulsar message (JSON {userId, reference, amount, type}, key userId) and is "
                + "answered only after the broker's acknowledgement, without blocking a request thread; "
                + "503 {\"error\":\"unavailable\"} if the send fails. Pulsar's default client and "
                + "producer except: send timeout 3 s, a full queue fails the send, at most 20000 pending "
                + "messages.",
                "",
                "Exits with status 1 if no producer can be created: after the client's default "
                + "operation timeout of 30 s if the broker cannot be reached. Otherwise runs until SIGTERM "
                + "or Ctrl-C, then closes the producer and the client.",
                ""})
final class NaivePulsarServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(NaivePulsarServerCommand.class);
    private static final int STARTUP_FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8092",
            description = "HTTP port on 127.0.0.1, 0 for any free one; default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--pulsar-url", defaultValue = "pulsar://127.0.0.1:6650",
            description = "Pulsar service URL, on this machine; default ${DEFAULT-VALUE}.")
    String pulsarUrl;

    @Option(names = "--topic", required = true,
            description = "Topic every message goes to, e.g. persistent://public/default/bench-naive-1; "
                    + "a fresh one per run, so that no earlier backlog is kept. Required.")
    String topic;

    @Override
    public Integer call() {
        OptionChecks.requirePort(spec, port);
        OptionChecks.requireLoopback(spec, "--pulsar-url", pulsarUrl);
        NaivePulsarServer server;
        try {
            server = NaivePulsarServer.start(port, pulsarUrl, topic);
        } catch (PulsarClientException failure) {
            LOG.error("naive Pulsar server not started: no producer on {} at {}", topic, pulsarUrl, failure);
            return STARTUP_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "naive-pulsar-server-stop"));
        LOG.info("naive Pulsar server listening on {}:{}, one message per change to {}", CeilingServer.LOOPBACK,
                server.port(), topic);
        return 0;
    }
}

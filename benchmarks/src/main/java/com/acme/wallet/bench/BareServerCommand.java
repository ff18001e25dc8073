package com.acme.wallet.bench;

import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the {@link BareServer} until the process is told to stop. */
@Command(name = "bare-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchMain.JarVersion.class,
        description = {"The HTTP ceiling: the service's change routes with nothing behind them.",
                "",
                "A bare Javalin server on 127.0.0.1 with the service's "
                + "POST /add-funds/{userId} and POST /remove-funds/{userId}, which parses the same JSON "
                + "body and answers 201 (add) or 200 (remove) with a reply of the service's shape and "
                + "balance 0; 400 for a body the service would refuse. GET /health answers 200 "
                + "{\"status\":\"UP\"}. No state, no Pulsar; the service's Jetty thread pool (200 threads).",
                "",
                "Runs until SIGTERM or Ctrl-C.",
                ""})
final class BareServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8091",
            description = "HTTP port on 127.0.0.1, 0 for any free one; default ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() {
        OptionChecks.requirePort(spec, port);
        CeilingServer server = BareServer.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bare-server-stop"));
        LoggerFactory.getLogger(BareServerCommand.class).info("bare server listening on {}:{}",
                CeilingServer.LOOPBACK, server.port());
        return 0;
    }
}

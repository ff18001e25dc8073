package com.acme.wallet.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks' command line: the two ceilings to measure the service against, and the opener
 * that prepares wallets for a load test. JMH's own entry point, {@code org.openjdk.jmh.Main}, runs
 * the microbenchmarks from the same jar (see the module's README).
 *
 * <p>A module of tooling, not of the service, so it has its own {@code main} although it is not
 * one of the {@code app-*} programs.
 */
@Command(name = "benchmarks.jar", mixinStandardHelpOptions = true,
        versionProvider = BenchMain.JarVersion.class,
        description = "Performance tooling for the wallet service (issue 5). Everything listens on and "
                + "talks to 127.0.0.1 only.",
        footer = {"", "JMH microbenchmarks of the hot path run from the same jar (see benchmarks/README.md):",
                "  java -cp benchmarks.jar org.openjdk.jmh.Main -l",
                "  java -cp benchmarks.jar org.openjdk.jmh.Main <regex> -f 1 -wi 3 -i 5"},
        subcommands = {BareServerCommand.class, NaivePulsarServerCommand.class, OpenWalletsCommand.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The version the build wrote into the jar's manifest. */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BenchMain.class.getPackage().getImplementationVersion();
            return new String[] {"wallet benchmarks " + (version == null ? "(not run from the jar)" : version)};
        }
    }

    /**
     * Runs a subcommand. The servers keep running after this returns, until SIGTERM or Ctrl-C.
     *
     * @param arguments a subcommand and its options; see {@code --help}
     */
    public static void main(String[] arguments) {
        int exitCode = new CommandLine(new BenchMain()).execute(arguments);
        // A server's threads keep the process alive on success; anything else ends here.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}

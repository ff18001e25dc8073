package com.acme.wallet.bench;

import com.acme.wallet.domain.Amount;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Opens wallets on a running service for a load test; see {@link WalletOpener}. */
@Command(name = "open-wallets", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchMain.JarVersion.class,
        description = {"Opens wallets on a running wallet service for a load test.",
                "",
                "Opens the wallets <prefix>0 .. <prefix>(count-1) with "
                + "POST /wallet/{id} and body {\"amount\": N}, a few requests at once (10 s timeout each). "
                + "201 counts as opened, 409 as already there; any other answer or failure is printed and "
                + "the exit status is 1. With --token-file, each request sends that token "
                + "(Authorization: Bearer; it needs the scope wallet:open).",
                "",
                "Prints one line at the end: opened=N already=M seconds=S.",
                ""})
final class OpenWalletsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--api-url", defaultValue = "http://127.0.0.1:8081",
            description = "The wallet service's base URL, on this machine; default ${DEFAULT-VALUE}.")
    String apiUrl;

    @Option(names = "--token-file",
            description = "A file holding the service's bearer token, such as data/dev-token (read from a file, "
                    + "not given here, so that it shows in no process list); none is sent without it.")
    Path tokenFile;

    @Option(names = "--prefix", defaultValue = "u",
            description = "Start of every wallet id; default ${DEFAULT-VALUE}.")
    String prefix;

    @Option(names = "--count", defaultValue = "10000",
            description = "How many wallets, 1 to " + WalletOpener.MAX_COUNT + "; default ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--amount", defaultValue = "100000000",
            description = "Each wallet's opening balance in cents; default ${DEFAULT-VALUE}.")
    long amountCents;

    @Option(names = "--concurrency", defaultValue = "16",
            description = "Requests at once, 1 to " + WalletOpener.MAX_CONCURRENCY + "; default ${DEFAULT-VALUE}.")
    int concurrency;

    @Override
    public Integer call() throws InterruptedException {
        OptionChecks.requireLoopback(spec, "--api-url", apiUrl);
        Amount opening;
        try {
            opening = Amount.ofCents(amountCents);
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--amount: " + invalid.getMessage());
        }
        long startNanos = System.nanoTime();
        WalletOpener.Result result;
        try {
            result = new WalletOpener(URI.create(apiUrl), token()).open(prefix, count, opening, concurrency);
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage());
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (!result.succeeded()) {
            System.err.println("open-wallets failed: " + result.failure());
        }
        System.out.printf(Locale.ROOT, "opened=%d already=%d seconds=%.1f%n", result.opened(), result.alreadyOpen(),
                seconds);
        return result.succeeded() ? 0 : 1;
    }

    private Optional<String> token() {
        if (tokenFile == null) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--token-file: " + tokenFile + " is empty");
            }
            return Optional.of(token);
        } catch (IOException unreadable) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token-file: cannot read " + tokenFile
                    + ": " + unreadable.getMessage());
        }
    }
}

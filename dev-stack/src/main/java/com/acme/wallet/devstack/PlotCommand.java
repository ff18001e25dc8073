package com.acme.wallet.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./wallet plot}: PNG charts to look at, in ./data/plots. Without options, of the last
 * {@code ./wallet bench} run (bench/RESULTS.md); with {@code --scrape}, of the dashboard's main
 * panels over a window, from both programs' {@code /metrics} scraped every few seconds.
 */
@Command(name = "plot")
final class PlotCommand implements Callable<Integer> {

    static final int MAX_SECONDS = 3_600;
    static final int MAX_EVERY_SECONDS = 60;
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);

    @Option(names = "--results", description = "the bench's results file (default bench/RESULTS.md)")
    Path results;

    @Option(names = "--scrape", description = "scrape the running programs instead of plotting the bench")
    boolean scrape;

    @Option(names = "--seconds", description = "with --scrape: how long to scrape, 1 to 3600 (default 60)")
    int seconds = 60;

    @Option(names = "--every", description = "with --scrape: seconds between scrapes, 1 to 60 (default 5)")
    int everySeconds = 5;

    @Option(names = "--api-url", description = "with --scrape: the REST API (default http://127.0.0.1:<WALLET_PORT>)")
    String apiUrl;

    @Option(names = "--token-file", description = "with --scrape: a file holding a token with the scope admin for"
            + " the REST API's /metrics (default data/dev-token, ./wallet up's)")
    Path tokenFile;

    @Option(names = "--management-url", description = "with --scrape: the batch consumer's management endpoint"
            + " (default http://127.0.0.1:8082)")
    String managementUrl = "http://127.0.0.1:8082";

    @Option(names = "--out", description = "where the PNG files go (default data/plots)")
    Path out;

    private final Stack stack;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();

    PlotCommand(Stack stack, Map<String, String> environment) {
        this.stack = stack;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path directory = out != null ? out : stack.paths.data().resolve("plots");
        List<Charts.Chart> charts = scrape ? scraped() : bench();
        for (Charts.Chart chart : charts) {
            try {
                Path file = Charts.write(chart, directory);
                stack.console.say("wrote " + stack.paths.show(file) + " (" + chart.title() + ")");
            } catch (IOException failure) {
                throw new StackFailure("cannot write " + directory.resolve(chart.fileName()) + ": "
                        + failure.getMessage());
            }
        }
        return 0;
    }

    private List<Charts.Chart> bench() {
        Path file = results != null ? results : stack.paths.root().resolve("bench").resolve("RESULTS.md");
        String text = new ResultsFile(file).read();
        if (text.isEmpty()) {
            throw new StackFailure("no results in " + file + ": ./wallet bench writes them");
        }
        try {
            return BenchPlots.charts(BenchPlots.runs(text), stack.paths.show(file));
        } catch (IllegalArgumentException notResults) {
            throw new StackFailure(file + ": " + notResults.getMessage());
        }
    }

    private List<Charts.Chart> scraped() {
        if (seconds < 1 || seconds > MAX_SECONDS || everySeconds < 1 || everySeconds > MAX_EVERY_SECONDS) {
            throw new StackFailure("--seconds must be 1 to " + MAX_SECONDS + " and --every 1 to " + MAX_EVERY_SECONDS,
                    StackFailure.USAGE);
        }
        String api = apiUrl != null ? apiUrl : "http://127.0.0.1:" + StackSettings.fromEnvironment(environment).apiPort();
        Optional<String> token = token();
        int scrapes = seconds / everySeconds + 1;
        stack.console.say("scraping " + api + "/metrics and " + managementUrl + "/metrics every " + everySeconds
                + " s for " + seconds + " s (Ctrl-C plots what it has)");
        StopSignals.install();
        MetricsTimeline timeline = new MetricsTimeline();
        long started = System.nanoTime();
        List<String> unanswered = new ArrayList<>();
        for (int at = 0; at < scrapes && StopSignals.received().isEmpty(); at++) {
            long due = started + Duration.ofSeconds((long) at * everySeconds).toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Pause.of(Duration.ofNanos(wait));
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            Optional<MetricsText> restApi = fetch(api, token);
            // The batch consumer's management endpoint is open: it gets no token.
            Optional<MetricsText> consumer = fetch(managementUrl, Optional.empty());
            if (restApi.isEmpty() && consumer.isEmpty()) {
                unanswered.add(String.format(java.util.Locale.ROOT, "%.0f s", elapsed));
                continue;
            }
            timeline.add(new MetricsTimeline.Snapshot(elapsed, restApi.orElse(MetricsText.EMPTY),
                    consumer.orElse(MetricsText.EMPTY)));
        }
        if (!unanswered.isEmpty()) {
            stack.console.warn("neither program answered at " + String.join(", ", unanswered));
        }
        if (timeline.size() < 2) {
            throw new StackFailure("fewer than two scrapes answered: is the stack up (./wallet status)?");
        }
        return timeline.charts();
    }

    /** {@return the token of --token-file, else of data/dev-token if there is one; empty without either} */
    private Optional<String> token() {
        Path file = tokenFile != null ? tokenFile : DevToken.valueFile(stack.paths.data());
        if (tokenFile == null && !Files.isRegularFile(file)) {
            stack.console.warn("no " + stack.paths.show(file) + " (./wallet up makes it): the REST API's /metrics"
                    + " will refuse the scrapes without a token");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(token -> !token.isEmpty());
        } catch (IOException unreadable) {
            throw new StackFailure("cannot read the token in " + file + ": " + unreadable.getMessage(),
                    StackFailure.USAGE);
        }
    }

    private Optional<MetricsText> fetch(String base, Optional<String> token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(SCRAPE_TIMEOUT).GET();
        token.ifPresent(value -> builder.header("Authorization", "Bearer " + value));
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(MetricsText.parse(response.body())) : Optional.empty();
        } catch (IOException | IllegalArgumentException notAnswering) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StackFailure("interrupted", StackFailure.INTERRUPTED);
        }
    }
}

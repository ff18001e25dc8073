package com.acme.wallet.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Loads wallet-logback.xml as a program does (through an include) with the logging variables given
 * as system properties, which Logback reads before the environment, and reads what it prints.
 */
class WalletLogbackConfigurationTest {

    private static final String PROGRAM_CONFIGURATION =
            "<configuration><include resource=\"wallet-logback.xml\"/></configuration>";
    private static final String ISO_UTC_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void text_lines_start_with_the_utc_date_and_end_with_the_request_id_when_there_is_one() {
        List<String> lines = linesLogged(Map.of(), context -> {
            context.getLogger("com.acme.wallet.Some").info("wallets read back from the log up to barrier");
            MDC.put("requestId", "req-1");
            try {
                context.getLogger("wallet.access").info("method=GET route=/health status=200");
            } finally {
                MDC.remove("requestId");
            }
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches(ISO_UTC_MILLIS + " INFO  \\[.+\\] com\\.acme\\.wallet\\.Some - "
                + "wallets read back from the log up to barrier");
        assertThat(lines.get(1)).matches(ISO_UTC_MILLIS + " INFO  \\[.+\\] wallet\\.access - "
                + "method=GET route=/health status=200 requestId=req-1");
        Instant logged = Instant.parse(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        assertThat(Duration.between(logged, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void json_lines_are_one_object_per_event_with_the_date_level_logger_message_and_request_id() throws Exception {
        List<String> lines = linesLogged(Map.of(LogSettings.FORMAT, "json"), context -> {
            MDC.put("requestId", "req-2");
            try {
                context.getLogger("wallet.access").atInfo().addKeyValue("status", 201)
                        .log("status={} \"quoted\"", 201);
                context.getLogger("com.acme.wallet.Some").error("failed\non two lines",
                        new IllegalStateException("broken\nstate"));
            } finally {
                MDC.remove("requestId");
            }
        });

        assertThat(lines).hasSize(2);
        JsonNode access = json.readTree(lines.get(0));
        assertThat(Instant.parse(access.get("date").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(Duration.ofMinutes(1)));
        assertThat(access.get("date").asText()).matches(ISO_UTC_MILLIS);
        assertThat(access.get("level").asText()).isEqualTo("INFO");
        assertThat(access.get("loggerName").asText()).isEqualTo("wallet.access");
        assertThat(access.get("formattedMessage").asText()).isEqualTo("status=201 \"quoted\"");
        assertThat(access.get("mdc").get("requestId").asText()).isEqualTo("req-2");
        assertThat(access.get("kvpList").toString()).contains("\"status\":\"201\"");
        assertThat(access.has("message")).as("the raw {} pattern is left out").isFalse();
        JsonNode failure = json.readTree(lines.get(1));
        assertThat(failure.get("formattedMessage").asText()).isEqualTo("failed\non two lines");
        assertThat(failure.get("throwable").get("message").asText()).isEqualTo("broken\nstate");
    }

    @Test
    void the_level_variable_quiets_the_program_but_not_the_access_log_which_has_its_own() {
        List<String> warnOnly = linesLogged(Map.of(LogSettings.LEVEL, "WARN"), context -> {
            context.getLogger("com.acme.wallet.Some").info("not shown");
            context.getLogger("com.acme.wallet.Some").warn("shown");
            context.getLogger("wallet.access").info("access shown");
        });
        assertThat(warnOnly).hasSize(2).noneMatch(line -> line.contains("not shown"));

        List<String> accessOff = linesLogged(Map.of(LogSettings.ACCESS_LEVEL, "OFF"), context -> {
            context.getLogger("com.acme.wallet.Some").info("shown");
            context.getLogger("wallet.access").info("access not shown");
        });
        assertThat(accessOff).hasSize(1).allMatch(line -> line.contains("shown") && !line.contains("access"));
    }

    private static List<String> linesLogged(Map<String, String> variables, Consumer<LoggerContext> logging) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        variables.forEach(System::setProperty);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(PROGRAM_CONFIGURATION.getBytes(StandardCharsets.UTF_8)));
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as("Logback's own complaints about the configuration")
                    .noneMatch(status -> status.getLevel() >= Status.WARN);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            logging.accept(context);
        } catch (JoranException failure) {
            throw new AssertionError(failure);
        } finally {
            System.setOut(standardOut);
            context.stop();
            variables.keySet().forEach(System::clearProperty);
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

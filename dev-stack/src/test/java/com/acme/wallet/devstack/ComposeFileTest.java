package com.acme.wallet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, Prometheus's scrape configuration and Grafana's provisioning, held against the
 * facts they repeat from the code: the account, the jars, the ports, the programs' variables. (CI's
 * {@code docker-compose config -q} checks the file's form; this checks what it says.)
 */
class ComposeFileTest {

    private static final Path CHECKOUT = Path.of(System.getProperty("wallet.root", "..")).toAbsolutePath().normalize();
    private static final List<String> PROGRAMS = List.of("rest-api", "batch-consumer");

    private final Map<String, Object> services = map(load("docker-compose.yml").get("services"));

    @Test
    void the_programs_log_in_with_the_account_the_postgres_service_creates_which_is_dev_stacks() {
        Map<String, Object> postgres = environment("postgres");

        assertThat(postgres).containsEntry("POSTGRES_USER", DatabaseAccount.COMPOSE.user())
                .containsEntry("POSTGRES_PASSWORD", DatabaseAccount.COMPOSE.password())
                .containsEntry("POSTGRES_DB", "wallet");
        for (String program : PROGRAMS) {
            assertThat(environment(program)).as(program)
                    .containsEntry("WALLET_DB_URL", "jdbc:postgresql://postgres:5432/wallet")
                    .containsEntry("WALLET_DB_USER", DatabaseAccount.COMPOSE.user())
                    .containsEntry("WALLET_DB_PASSWORD", DatabaseAccount.COMPOSE.password())
                    .containsEntry("WALLET_PULSAR_URL", "pulsar://pulsar:6650")
                    .containsEntry("WALLET_PULSAR_ADMIN_URL", "http://pulsar:8080");
        }
    }

    @Test
    void each_program_runs_the_jar_the_build_makes_mounted_read_only_on_a_pinned_jre() {
        StackPaths paths = StackPaths.of(CHECKOUT);
        Map<String, Path> jars = Map.of("rest-api", paths.restApiJar(), "batch-consumer", paths.batchConsumerJar());

        for (String program : PROGRAMS) {
            Map<String, Object> service = map(services.get(program));
            List<Map<String, Object>> volumes = list(service.get("volumes")).stream().map(ComposeFileTest::map)
                    .filter(volume -> ((String) volume.get("target")).endsWith(".jar")).toList();
            assertThat(volumes).as(program).hasSize(1);
            Map<String, Object> jar = volumes.get(0);
            assertThat(CHECKOUT.resolve((String) jar.get("source")).normalize()).as(program).isEqualTo(jars.get(program));
            assertThat(jar).as(program).containsEntry("type", "bind").containsEntry("read_only", true);
            String target = (String) jar.get("target");
            assertThat(service.get("command")).as(program)
                    .isEqualTo(List.of("java", "-jar", Path.of(target).getFileName().toString()));
            assertThat(Path.of(target).getParent()).hasToString((String) service.get("working_dir"));
            assertThat((String) service.get("image")).as(program).matches("eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-[a-z]+");
        }
    }

    @Test
    void the_programs_start_once_postgres_and_pulsar_are_healthy_and_have_health_checks_of_their_own() {
        for (String program : PROGRAMS) {
            Map<String, Object> service = map(services.get(program));
            assertThat(service.get("depends_on")).as(program).isEqualTo(Map.of(
                    "postgres", Map.of("condition", "service_healthy"),
                    "pulsar", Map.of("condition", "service_healthy")));
        }
        assertThat(healthCheck("rest-api")).contains("/dev/tcp/127.0.0.1/8081", "GET /health ", " 200 ");
        assertThat(healthCheck("batch-consumer")).contains("/dev/tcp/127.0.0.1/8082", "GET /ready ", " 200 ");
        assertThat(map(services.get("postgres")).get("healthcheck")).isNotNull();
        assertThat(map(services.get("pulsar")).get("healthcheck")).isNotNull();
    }

    @Test
    void the_programs_listen_on_every_interface_inside_while_every_published_port_is_on_loopback() {
        assertThat(environment("rest-api")).containsEntry("WALLET_LOG", "pulsar").containsEntry("WALLET_HOST", "0.0.0.0")
                .containsEntry("WALLET_PORT", "8081");
        assertThat(environment("batch-consumer")).containsEntry("WALLET_MANAGEMENT_HOST", "0.0.0.0")
                .containsEntry("WALLET_MANAGEMENT_PORT", "8082");
        assertThat(ports("rest-api")).containsExactly("127.0.0.1:8081:8081");
        assertThat(ports("batch-consumer")).containsExactly("127.0.0.1:8082:8082");
        for (String service : services.keySet()) {
            assertThat(ports(service)).as(service).allMatch(port -> port.startsWith("127.0.0.1:"));
        }
    }

    @Test
    void up_starts_only_the_infrastructure_and_prometheus_and_grafana_wait_for_the_observe_profile() {
        for (String service : ComposeStart.INFRASTRUCTURE_SERVICES) {
            assertThat(map(services.get(service))).as(service).doesNotContainKey("profiles");
        }
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "pulsar", "rest-api", "batch-consumer",
                "prometheus", "grafana");
        for (String service : List.of("prometheus", "grafana")) {
            Map<String, Object> observed = map(services.get(service));
            assertThat(observed.get("profiles")).as(service).isEqualTo(List.of("observe"));
            assertThat((String) observed.get("image")).as(service).matches(".+:v?\\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    void prometheus_scrapes_both_programs_where_compose_runs_them() {
        Map<String, Object> configuration = load("ops/prometheus/prometheus.yml");

        Map<String, List<String>> targets = list(configuration.get("scrape_configs")).stream().map(ComposeFileTest::map)
                .collect(Collectors.toMap(job -> (String) job.get("job_name"), job -> list(job.get("static_configs"))
                        .stream().flatMap(targetGroup -> list(map(targetGroup).get("targets")).stream())
                        .map(String.class::cast).toList()));
        assertThat(targets).containsEntry("wallet-rest-api", List.of("rest-api:8081"))
                .containsEntry("wallet-batch-consumer", List.of("batch-consumer:8082"));
        assertThat(volumes("prometheus")).contains("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void the_rest_api_checks_the_tokens_of_the_token_file_dev_stack_makes_mounted_read_only() {
        StackPaths paths = StackPaths.of(CHECKOUT);
        Object tokensFile = environment("rest-api").get("WALLET_TOKENS_FILE");
        List<Map<String, Object>> tokenMounts = list(map(services.get("rest-api")).get("volumes")).stream()
                .map(ComposeFileTest::map).filter(volume -> volume.get("target").equals(tokensFile)).toList();

        assertThat(tokensFile).as("WALLET_TOKENS_FILE").isInstanceOf(String.class);
        assertThat(environment("rest-api")).doesNotContainKey("WALLET_AUTH");
        assertThat(tokenMounts).hasSize(1);
        assertThat(tokenMounts.get(0)).containsEntry("type", "bind").containsEntry("read_only", true);
        assertThat(CHECKOUT.resolve((String) tokenMounts.get(0).get("source")).normalize())
                .isEqualTo(DevToken.tokenFile(paths.data()));
    }

    @Test
    void prometheus_scrapes_the_rest_api_with_the_development_token_and_the_batch_consumer_without() {
        StackPaths paths = StackPaths.of(CHECKOUT);
        Map<String, Map<String, Object>> jobs = list(load("ops/prometheus/prometheus.yml").get("scrape_configs"))
                .stream().map(ComposeFileTest::map).collect(Collectors.toMap(job -> (String) job.get("job_name"),
                        job -> job));
        Map<String, Object> authorization = map(jobs.get("wallet-rest-api").get("authorization"));

        assertThat(authorization).containsEntry("type", "Bearer").containsOnlyKeys("type", "credentials_file");
        String mounted = "./" + CHECKOUT.relativize(DevToken.valueFile(paths.data())) + ":"
                + authorization.get("credentials_file") + ":ro";
        assertThat(volumes("prometheus")).contains(mounted);
        assertThat(jobs.get("wallet-batch-consumer")).doesNotContainKey("authorization");
    }

    @Test
    void grafana_is_provisioned_with_the_data_source_the_dashboard_names() throws IOException {
        Map<String, Object> datasource = map(list(load("ops/grafana/provisioning/datasources/prometheus.yml")
                .get("datasources")).get(0));
        String dashboard = Files.readString(CHECKOUT.resolve("ops/grafana/dashboards/wallet.json"),
                StandardCharsets.UTF_8);
        Map<String, Object> provider = map(list(load("ops/grafana/provisioning/dashboards/wallet.yml")
                .get("providers")).get(0));

        assertThat(datasource).containsEntry("url", "http://prometheus:9090").containsEntry("type", "prometheus");
        assertThat(dashboard).contains("\"uid\": \"" + datasource.get("uid") + "\"");
        assertThat(volumes("grafana")).contains("./ops/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./ops/grafana/dashboards:" + map(provider.get("options")).get("path") + ":ro");
    }

    private Map<String, Object> environment(String service) {
        return map(map(services.get(service)).get("environment"));
    }

    private String healthCheck(String service) {
        return String.join(" ", list(map(map(services.get(service)).get("healthcheck")).get("test")).stream()
                .map(String.class::cast).toList());
    }

    private List<String> ports(String service) {
        Object ports = map(services.get(service)).get("ports");
        return ports == null ? List.of() : list(ports).stream().map(String.class::cast).toList();
    }

    private List<String> volumes(String service) {
        return list(map(services.get(service)).get("volumes")).stream().map(String.class::cast).toList();
    }

    private static Map<String, Object> load(String file) {
        try (Reader reader = Files.newBufferedReader(CHECKOUT.resolve(file), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        } catch (IOException failure) {
            throw new AssertionError("cannot read " + file, failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<?>) value;
    }
}

package com.acme.wallet.testsupport;

import java.io.File;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A fresh, empty PostgreSQL database for one integration test, on a real server, dropped again on
 * {@link #close()}.
 *
 * <p>The server is found once per JVM, in this order:
 * <ol>
 *   <li>{@value #URL_VARIABLE} (with {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}, by
 *       default {@code postgres} and no password): a server of your choosing. A fresh database is
 *       created on it if the user may; otherwise the database in the URL is used as it is.
 *   <li>Testcontainers with {@value #IMAGE}, where a Docker engine answers.
 *   <li>The machine's own server on 127.0.0.1:5432, user {@code postgres} without a password
 *       (trust authentication), as CI runs it.
 * </ol>
 * If none answers, {@link #freshDatabase()} fails with one message saying what to start.
 * Each database is named {@code wallet_test_<random>}, so tests and parallel builds never share one.
 */
public final class TestPostgres implements AutoCloseable {

    /** The environment variable holding a JDBC URL that overrides every other server. */
    public static final String URL_VARIABLE = "WALLET_TEST_JDBC_URL";
    /** The user for {@link #URL_VARIABLE}. */
    public static final String USER_VARIABLE = "WALLET_TEST_JDBC_USER";
    /** The password for {@link #URL_VARIABLE}. */
    public static final String PASSWORD_VARIABLE = "WALLET_TEST_JDBC_PASSWORD";
    /** The image Testcontainers runs, pinned so that every machine tests the same server. */
    public static final String IMAGE = "postgres:16.4";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DEFAULT_USER = "postgres";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Server server;

    private final Server host;
    private final String jdbcUrl;
    private final String createdDatabase;
    private boolean closed;

    private TestPostgres(Server host, String jdbcUrl, String createdDatabase) {
        this.host = host;
        this.jdbcUrl = jdbcUrl;
        this.createdDatabase = createdDatabase;
    }

    /**
     * Creates an empty database on the first server that answers.
     *
     * @return the database; close it to drop it
     * @throws IllegalStateException if no server answers, with what to start
     */
    public static TestPostgres freshDatabase() {
        Server found = server();
        String database = "wallet_test_" + HexFormat.of().formatHex(randomBytes());
        try (Connection connection = found.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
            return new TestPostgres(found, withDatabase(found.jdbcUrl(), database), database);
        } catch (SQLException failure) {
            if (!found.mayUseItsDatabase()) {
                throw new IllegalStateException("cannot create a test database on " + found.origin(), failure);
            }
            LOG.warn("cannot create a database on {} ({}); using its database as it is, which may not be empty",
                    found.origin(), failure.getMessage());
            return new TestPostgres(found, found.jdbcUrl(), null);
        }
    }

    /** {@return the JDBC URL of this test's database} */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** {@return the database user} */
    public String user() {
        return host.user();
    }

    /** {@return the user's password; empty for trust authentication} */
    public String password() {
        return host.password();
    }

    /** Drops the database, if this created it, ending any connection still open to it. */
    @Override
    public void close() {
        if (closed || createdDatabase == null) {
            return;
        }
        closed = true;
        try (Connection connection = host.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + createdDatabase + "\" WITH (FORCE)");
        } catch (SQLException failure) {
            LOG.warn("could not drop test database {} on {}: {}", createdDatabase, host.origin(),
                    failure.getMessage());
        }
    }

    @Override
    public String toString() {
        return jdbcUrl + " on " + host.origin();
    }

    /**
     * The same URL pointing at another database on the same server, query parameters kept.
     *
     * @param jdbcUrl a PgJDBC URL
     * @param database the database name
     * @return the URL of that database
     */
    static String withDatabase(String jdbcUrl, String database) {
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart);
        String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
        if (!location.startsWith("//")) {
            return JDBC_PREFIX + database + query;
        }
        int pathStart = location.indexOf('/', 2);
        String hosts = pathStart < 0 ? location : location.substring(0, pathStart);
        return JDBC_PREFIX + hosts + "/" + database + query;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = locate();
            LOG.info("integration tests use PostgreSQL from {}", server.origin());
        }
        return server;
    }

    private static Server locate() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            Server chosen = new Server(url, environment(USER_VARIABLE, DEFAULT_USER),
                    environment(PASSWORD_VARIABLE, ""), URL_VARIABLE + "=" + url, true);
            return answering(chosen, "the server named by " + URL_VARIABLE + " does not answer");
        }
        if (dockerAnswers()) {
            return container();
        }
        return answering(new Server(LOCAL_URL, DEFAULT_USER, "", "the local server at 127.0.0.1:5432", false),
                nothingAnswers());
    }

    private static Server answering(Server candidate, String complaint) {
        try {
            candidate.connect().close();
            return candidate;
        } catch (SQLException failure) {
            throw new IllegalStateException(complaint + " (" + failure.getMessage() + ")", failure);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError failure) {
            return false;
        }
    }

    /** Started once per JVM; Testcontainers removes it when the JVM ends. */
    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(IMAGE));
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers (" + IMAGE + ")", false);
    }

    private static String nothingAnswers() {
        return "No PostgreSQL for the integration tests. Start one of: the local server, as root: "
                + localStartCommand() + " (it must accept user postgres without a password on 127.0.0.1:5432); "
                + "a Docker engine, for Testcontainers; or a server of your own named by " + URL_VARIABLE
                + " (with " + USER_VARIABLE + " and " + PASSWORD_VARIABLE + ")";
    }

    /** Names the installed major version where Debian's layout shows it, so the command can be pasted. */
    private static String localStartCommand() {
        String[] versions = new File("/usr/lib/postgresql").list();
        String version = versions == null || versions.length == 0
                ? "<version>"
                : Arrays.stream(versions).max((a, b) -> Integer.compare(parseOrZero(a), parseOrZero(b))).orElseThrow();
        return "pg_ctlcluster --skip-systemctl-redirect " + version + " main start";
    }

    private static int parseOrZero(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException notAVersion) {
            return 0;
        }
    }

    private static String environment(String name, String fallback) {
        return Objects.requireNonNullElse(System.getenv(name), fallback);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * A server to create test databases on.
     *
     * @param jdbcUrl where to connect for administration
     * @param user the user
     * @param password the password
     * @param origin where it came from, for messages
     * @param mayUseItsDatabase whether its own database may be used when none can be created
     */
    private record Server(String jdbcUrl, String user, String password, String origin, boolean mayUseItsDatabase) {

        Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            return DriverManager.getConnection(jdbcUrl, properties);
        }
    }
}

package com.acme.wallet.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * JDBC connections for tests' own checks on a loaded machine: each step of connecting may take up
 * to {@link #TIMEOUT}, not the driver's defaults.
 *
 * <p>The default that bit is PgJDBC's {@code sslResponseTimeout}, 5 s: with {@code sslmode=prefer}
 * the driver first asks the server whether it speaks SSL, and a server starved of CPU (stress-ng
 * beside a fault run on 2 cores) took longer than that to fork the backend that answers. The
 * connection then failed with "Read timed out" whatever {@code connectTimeout} said.
 */
public final class PatientJdbc {

    /** The longest each step of connecting may take: the TCP connect, the SSL question, the login. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PatientJdbc() {}

    /**
     * Opens a connection, waiting up to {@link #TIMEOUT} for each step.
     *
     * @param jdbcUrl the database's URL
     * @param user the user
     * @param password the password, empty for none
     * @return the connection
     * @throws SQLException if it cannot be opened
     */
    public static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        String seconds = Long.toString(TIMEOUT.toSeconds());
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("sslResponseTimeout", Long.toString(TIMEOUT.toMillis()));
        properties.setProperty("gssResponseTimeout", Long.toString(TIMEOUT.toMillis()));
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}

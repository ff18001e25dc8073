package com.acme.wallet.devstack;

import com.acme.wallet.testsupport.PostgresBinaries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The PostgreSQL account of the stack, declared here only: the programs {@code up} starts, and
 * every bench run, log in with it.
 *
 * @param user the user
 * @param password its password, empty for none
 */
record DatabaseAccount(String user, String password) {

    /** docker-compose.yml's: {@code POSTGRES_USER} and {@code POSTGRES_PASSWORD}, a superuser. */
    static final DatabaseAccount COMPOSE = new DatabaseAccount("wallet", "wallet");
    /** A local server's (ours in ./data/postgres, or one that already ran): postgres, trusted on loopback. */
    static final DatabaseAccount LOCAL = new DatabaseAccount(PostgresBinaries.USER, "");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** {@return the account of the infrastructure {@code up} runs: Docker Compose's or a local server's} */
    static DatabaseAccount of(boolean docker) {
        return docker ? COMPOSE : LOCAL;
    }

    static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Connects to a database of the server on 127.0.0.1.
     *
     * @param port the server's port
     * @param database the database
     * @param socketTimeout the longest any one statement may wait for the server's answer
     * @return the connection, in auto-commit mode
     * @throws SQLException if it cannot connect within 5 s
     */
    Connection connect(int port, String database, Duration socketTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("loginTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toSeconds()));
        return DriverManager.getConnection(url(port, database), properties);
    }
}

package dev.shelfsync.scenarios;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Where the machine's PostgreSQL and RabbitMQ are and how to sign in, from the environment ({@code DB_HOST},
 * {@code RABBITMQ_HOST}, ...) with the local defaults: what the harnesses use and what the services are given.
 */
final class LocalServers {

    static final String DB_HOST = env("DB_HOST", "127.0.0.1");
    static final String DB_PORT = env("DB_PORT", "5432");
    static final String DB_USER = env("DB_USER", "postgres");
    static final String RABBITMQ_HOST = env("RABBITMQ_HOST", "127.0.0.1");
    static final int RABBITMQ_PORT = Integer.parseInt(env("RABBITMQ_PORT", "5672"));

    private LocalServers() {}

    /** A plain AMQP connection to the local broker's {@code vhost}, with the credentials the services get. */
    static Connection brokerConnection(String vhost, String name) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RABBITMQ_HOST);
        factory.setUsername(env("RABBITMQ_USER", "guest"));
        factory.setPassword(env("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(vhost);
        return factory.newConnection(name);
    }

    /** A JDBC connection to the local server's {@code database}, giving up after 5 s when it does not answer. */
    static java.sql.Connection database(String database) throws SQLException {
        String url = "jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + database + "?connectTimeout=5";
        return DriverManager.getConnection(url, DB_USER, env("DB_PASSWORD", ""));
    }

    /** The environment variable, or {@code fallback} where it is unset or blank. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package dev.shelfsync.gateway;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Real-infrastructure helpers for tests: the test database, the test vhost, and webhook signing. */
public final class TestSupport {

    public static final String VHOST = "ss-test-gateway";
    public static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/ss_test_gateway";

    private TestSupport() {}

    public static long count(String sql, Object... params) {
        try (var connection = DriverManager.getConnection(JDBC, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text, null when there is no row. */
    public static String text(String sql, Object... params) {
        try (var connection = DriverManager.getConnection(JDBC, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (var connection = DriverManager.getConnection(JDBC, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection amqp() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setVirtualHost(VHOST);
            factory.setUsername("guest");
            factory.setPassword("guest");
            return factory.newConnection("channel-gateway-tests");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publish(String exchange, String routingKey, String messageId, String body) {
        try (Connection connection = amqp();
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.confirmSelect();
            channel.basicPublish(
                    exchange,
                    routingKey,
                    new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .messageId(messageId)
                            .deliveryMode(2)
                            .build(),
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects every message published to the {@code channels} exchange while open. */
    public static final class Capture implements AutoCloseable {
        private final Connection connection;
        private final List<String> bodies = new CopyOnWriteArrayList<>();

        public Capture(String exchange) {
            connection = amqp();
            try {
                Channel channel = connection.createChannel();
                channel.exchangeDeclare(exchange, "topic", true);
                String queue = channel.queueDeclare().getQueue();
                channel.queueBind(queue, exchange, "#");
                DeliverCallback callback =
                        (tag, delivery) -> bodies.add(new String(delivery.getBody(), StandardCharsets.UTF_8));
                channel.basicConsume(queue, true, callback, tag -> {});
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public List<String> matching(String fragment) {
            List<String> found = new ArrayList<>();
            for (String body : bodies) {
                if (body.contains(fragment)) {
                    found.add(body);
                }
            }
            return found;
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}

package dev.shelfsync.returns.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain AMQP client on the test vhost: publishes as another service would and reads what this one published. */
public final class Broker implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Connection connection;
    private final Channel channel;

    public Broker() {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
            factory.setPort(Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672")));
            factory.setUsername(System.getenv().getOrDefault("RABBITMQ_USER", "guest"));
            factory.setPassword(System.getenv().getOrDefault("RABBITMQ_PASSWORD", "guest"));
            factory.setVirtualHost(System.getenv().getOrDefault("RABBITMQ_VHOST", "ss-test-returns"));
            connection = factory.newConnection("returns-service-test");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach RabbitMQ", e);
        }
    }

    /** A server-named, exclusive queue that receives every event on the returns exchange from now on. */
    public String listenToReturnsEvents() throws Exception {
        channel.exchangeDeclare("returns", "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, "returns", "returns.#");
        return queue;
    }

    public void publish(String exchange, String routingKey, String body) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An envelope as channel-gateway publishes it. */
    public static String envelope(String id, String type, Object payload) throws Exception {
        return MAPPER.writeValueAsString(
                Map.of("id", id, "type", type, "occurredAt", "2026-11-23T08:00:00Z", "version", 1, "payload", payload));
    }

    /** Takes every message now in the queue. */
    public List<JsonNode> drain(String queue) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            messages.add(MAPPER.readTree(response.getBody()));
        }
        return messages;
    }

    /** Takes every message now in the queue as raw text. */
    public List<String> drainText(String queue) throws Exception {
        List<String> messages = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            messages.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        return messages;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

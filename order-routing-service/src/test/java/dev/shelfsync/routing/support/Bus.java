package dev.shelfsync.routing.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real broker as the other services see it: publishes envelopes to the channels and inventory exchanges, and
 * records everything routing publishes to the orders exchange through a test queue of its own.
 */
public final class Bus {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Bus instance;

    private final Channel channel;
    private final List<JsonNode> published = new CopyOnWriteArrayList<>();

    private Bus(Channel channel) {
        this.channel = channel;
    }

    public static synchronized Bus get() {
        if (instance == null) {
            try {
                var config = ConfigProvider.getConfig();
                ConnectionFactory factory = new ConnectionFactory();
                factory.setHost(config.getValue("rabbitmq-host", String.class));
                factory.setPort(config.getValue("rabbitmq-port", Integer.class));
                factory.setUsername(config.getValue("rabbitmq-username", String.class));
                factory.setPassword(config.getValue("rabbitmq-password", String.class));
                factory.setVirtualHost(
                        config.getValue("mp.messaging.connector.smallrye-rabbitmq.virtual-host", String.class));
                Connection connection = factory.newConnection("routing-tests");
                Channel channel = connection.createChannel();
                for (String exchange : List.of("orders", "channels", "inventory")) {
                    channel.exchangeDeclare(exchange, "topic", true);
                }
                String queue = channel.queueDeclare("routing-test.orders." + UUID.randomUUID(), false, true, true, null)
                        .getQueue();
                channel.queueBind(queue, "orders", "orders.#");
                Bus bus = new Bus(channel);
                channel.basicConsume(
                        queue,
                        true,
                        (tag, delivery) -> bus.published.add(
                                MAPPER.readTree(new String(delivery.getBody(), StandardCharsets.UTF_8))),
                        tag -> {});
                instance = bus;
            } catch (Exception e) {
                throw new IllegalStateException("cannot reach the test broker", e);
            }
        }
        return instance;
    }

    /** Publishes an envelope; returns its id so a test can publish the very same message again. */
    public String publish(String exchange, String type, Object payload) {
        return publish(exchange, type, UUID.randomUUID().toString(), payload);
    }

    public String publish(String exchange, String type, String id, Object payload) {
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("id", id);
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("correlationId", "test-" + id);
        envelope.putNull("version");
        envelope.set("payload", MAPPER.valueToTree(payload));
        try {
            publishRaw(exchange, type, MAPPER.writeValueAsBytes(envelope));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    public void publishRaw(String exchange, String routingKey, byte[] body) {
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(UUID.randomUUID().toString())
                    .build();
            synchronized (channel) {
                channel.basicPublish(exchange, routingKey, properties, body);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages routing published with this type for this order (correlation id = routing's order id). */
    public List<JsonNode> published(String type, String orderId) {
        return published.stream()
                .filter(m -> type.equals(m.path("type").asText()))
                .filter(m -> orderId.equals(m.path("payload").path("orderId").asText()))
                .toList();
    }

    /** Takes one message from a queue (e.g. a parking queue), or null when it is empty. */
    public String take(String queue) {
        try {
            synchronized (channel) {
                GetResponse response = channel.basicGet(queue, true);
                return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

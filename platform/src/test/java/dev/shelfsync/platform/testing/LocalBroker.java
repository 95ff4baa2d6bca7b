package dev.shelfsync.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain AMQP client on the test's vhost, resolved from the same configuration the service under test uses:
 * publishes envelopes as another service would and reads what the service publishes.
 */
public final class LocalBroker implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private final Connection connection;
    private final Channel channel;

    public LocalBroker() {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("mp.messaging.connector.smallrye-rabbitmq.virtual-host", String.class));
        try {
            connection = factory.newConnection("test");
            channel = connection.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the test broker", e);
        }
    }

    /** A server-named queue bound to {@code exchange} with each binding key, gone when the test ends. */
    public String listen(String exchange, String... bindingKeys) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            for (String key : bindingKeys) {
                channel.queueBind(queue, exchange, key);
            }
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes an envelope with a new id and returns the id. */
    public String publish(String exchange, String routingKey, Object payload) {
        String id = UUID.randomUUID().toString();
        publish(exchange, routingKey, id, payload);
        return id;
    }

    /** Publishes an envelope with the given id, e.g. the same message twice as a redelivery would. */
    public void publish(String exchange, String routingKey, String messageId, Object payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", messageId);
        envelope.put("type", routingKey);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("correlationId", "test");
        envelope.put("payload", payload);
        try {
            publishRaw(exchange, routingKey, MAPPER.writeValueAsString(envelope));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void publishRaw(String exchange, String routingKey, String body) {
        try {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.basicPublish(
                    exchange,
                    routingKey,
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .deliveryMode(2)
                            .build(),
                    body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message as it sits on a queue: its AMQP properties and its body read as JSON. */
    public record Received(AMQP.BasicProperties properties, JsonNode body) {}

    /** Every message waiting in the queue now, oldest first. */
    public List<Received> drain(String queue) {
        List<Received> messages = new ArrayList<>();
        try {
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                messages.add(new Received(response.getProps(), MAPPER.readTree(response.getBody())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** Messages in a queue declared by someone else (a parking queue), or 0 when it does not exist yet. */
    public long depth(String queue) {
        try (Channel probe = connection.createChannel()) {
            return probe.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            return 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

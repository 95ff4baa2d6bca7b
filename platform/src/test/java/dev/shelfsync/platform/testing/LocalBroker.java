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
import java.util.concurrent.CopyOnWriteArrayList;
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
            // every publish waits for the broker's confirm, so what a test sent is on the broker when it goes on
            channel.confirmSelect();
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
        publishRaw(exchange, routingKey, envelope(messageId, routingKey, payload));
    }

    /** The envelope text another service would publish, for a test that must know the exact bytes it sent. */
    public static String envelope(String messageId, String type, Object payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", messageId);
        envelope.put("type", type);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.put("correlationId", "test");
        envelope.put("payload", payload);
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a body as it is (malformed ones included), with a message id of its own. */
    public void publishRaw(String exchange, String routingKey, String body) {
        try {
            // one channel, shared by the test's threads: the AMQP client does not allow concurrent publishes on it
            synchronized (channel) {
                channel.exchangeDeclare(exchange, "topic", true);
                channel.basicPublish(
                        exchange,
                        routingKey,
                        new AMQP.BasicProperties.Builder()
                                .contentType("application/json")
                                .deliveryMode(2)
                                .messageId(UUID.randomUUID().toString())
                                .build(),
                        body.getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not confirm a test message", e);
        }
    }

    /**
     * Records, as they arrive, the messages published to {@code exchange} under the binding keys from now on (read
     * as JSON); the list grows while the broker is open.
     */
    public List<JsonNode> record(String exchange, String... bindingKeys) {
        List<JsonNode> recorded = new CopyOnWriteArrayList<>();
        try {
            synchronized (channel) {
                String queue = listen(exchange, bindingKeys);
                channel.basicConsume(
                        queue, true, (tag, delivery) -> recorded.add(MAPPER.readTree(delivery.getBody())), tag -> {});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return recorded;
    }

    /** Takes the oldest message of a queue (a parking queue, say) as text, or null when the queue is empty. */
    public String take(String queue) {
        try {
            synchronized (channel) {
                GetResponse response = channel.basicGet(queue, true);
                return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
            }
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
            synchronized (channel) {
                GetResponse response;
                while ((response = channel.basicGet(queue, true)) != null) {
                    messages.add(new Received(response.getProps(), MAPPER.readTree(response.getBody())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** As {@link #drain(String)}, the bodies only. */
    public List<JsonNode> drainBodies(String queue) {
        return drain(queue).stream().map(Received::body).toList();
    }

    /** Empties a queue, e.g. a parking queue other tests may have left messages in. */
    public void purge(String queue) {
        try {
            synchronized (channel) {
                channel.queuePurge(queue);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

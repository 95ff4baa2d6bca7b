package dev.shelfsync.inventory.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain AMQP client on the test vhost: publishes envelopes as another service would and reads what we publish. */
public final class TestBroker implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private final Connection connection;
    private final Channel channel;

    public TestBroker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(ConfigProvider.getConfig().getValue("rabbitmq-host", String.class));
        factory.setPort(ConfigProvider.getConfig().getValue("rabbitmq-port", Integer.class));
        factory.setUsername(ConfigProvider.getConfig().getValue("rabbitmq-username", String.class));
        factory.setPassword(ConfigProvider.getConfig().getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(ConfigProvider.getConfig()
                .getValue("mp.messaging.connector.smallrye-rabbitmq.virtual-host", String.class));
        connection = factory.newConnection();
        channel = connection.createChannel();
    }

    /** A server-named queue bound to {@code exchange} with each binding key, gone when the test ends. */
    public String listen(String exchange, String... bindingKeys) throws IOException {
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        for (String key : bindingKeys) {
            channel.queueBind(queue, exchange, key);
        }
        return queue;
    }

    public String publish(String exchange, String routingKey, Object payload) throws IOException {
        String id = UUID.randomUUID().toString();
        publish(exchange, routingKey, id, payload);
        return id;
    }

    public void publish(String exchange, String routingKey, String messageId, Object payload) throws IOException {
        Map<String, Object> envelope = Map.of(
                "id", messageId,
                "type", routingKey,
                "occurredAt", Instant.now().toString(),
                "correlationId", "test",
                "payload", payload);
        publishRaw(exchange, routingKey, MAPPER.writeValueAsString(envelope));
    }

    public void publishRaw(String exchange, String routingKey, String body) throws IOException {
        channel.exchangeDeclare(exchange, "topic", true);
        channel.basicPublish(
                exchange,
                routingKey,
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .deliveryMode(2)
                        .build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every envelope waiting in the queue now, oldest first. */
    public List<JsonNode> drain(String queue) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            messages.add(MAPPER.readTree(response.getBody()));
        }
        return messages;
    }

    public long messageCount(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}

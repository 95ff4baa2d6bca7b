package dev.shelfsync.alerting.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.shelfsync.contracts.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Publishes to the real exchanges of the test vhost, as the producing services would, and inspects queues. */
public final class Bus {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Bus() {}

    /** An envelope with a fresh id. */
    public static Envelope<Object> envelope(String type, Instant occurredAt, Object payload) {
        return new Envelope<>(UUID.randomUUID().toString(), type, occurredAt, null, null, payload);
    }

    public static void publish(String exchange, Envelope<?> envelope) {
        try {
            publishRaw(exchange, envelope.type(), MAPPER.writeValueAsString(envelope));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void publishRaw(String exchange, String routingKey, String body) {
        withChannel(channel -> {
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(UUID.randomUUID().toString())
                    .build();
            channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    public static long messageCount(String queue) {
        return withChannel(channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
    }

    public static void purge(String queue) {
        withChannel(channel -> channel.queuePurge(queue));
    }

    /** Declares a classic queue bound to an exchange, to observe what a service publishes there. */
    public static void tap(String queue, String exchange, String routingKey) {
        withChannel(channel -> {
            channel.queueDeclare(queue, false, false, false, null);
            channel.queuePurge(queue);
            return channel.queueBind(queue, exchange, routingKey);
        });
    }

    /** Bodies of every message waiting in a queue, taken off the queue. */
    public static java.util.List<String> drain(String queue) {
        return withChannel(channel -> {
            java.util.List<String> bodies = new java.util.ArrayList<>();
            com.rabbitmq.client.GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
            }
            return bodies;
        });
    }

    public static void delete(String queue) {
        withChannel(channel -> channel.queueDelete(queue));
    }

    private interface ChannelWork<T> {
        T apply(Channel channel) throws Exception;
    }

    private static <T> T withChannel(ChannelWork<T> work) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getProperty("test.rabbitmq.host", "127.0.0.1"));
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("ss-test-alerting");
        try (Connection connection = factory.newConnection("alerting-test");
                Channel channel = connection.createChannel()) {
            return work.apply(channel);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

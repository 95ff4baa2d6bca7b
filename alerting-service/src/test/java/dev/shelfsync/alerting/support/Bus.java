package dev.shelfsync.alerting.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shelfsync.contracts.Envelope;
import dev.shelfsync.platform.testing.LocalBroker;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes the contracts' envelopes to the real exchanges of the test vhost, as the producing services would, and
 * looks at queues; one broker connection for the whole test run.
 */
public final class Bus {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static LocalBroker broker;

    private Bus() {}

    private static synchronized LocalBroker broker() {
        if (broker == null) {
            broker = new LocalBroker();
        }
        return broker;
    }

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
        broker().publishRaw(exchange, routingKey, body);
    }

    public static long messageCount(String queue) {
        return broker().depth(queue);
    }

    public static void purge(String queue) {
        broker().purge(queue);
    }
}

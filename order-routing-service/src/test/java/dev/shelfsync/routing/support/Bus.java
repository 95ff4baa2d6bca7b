package dev.shelfsync.routing.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.platform.testing.LocalBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The real broker as the other services see it: publishes envelopes to the channels and inventory exchanges, and
 * records everything routing publishes to the orders exchange. One per test run, shared by the scenarios.
 */
public final class Bus {

    private static Bus instance;

    private final LocalBroker broker;
    private final List<JsonNode> published;

    private Bus(LocalBroker broker) {
        this.broker = broker;
        this.published = broker.record("orders", "orders.#");
    }

    public static synchronized Bus get() {
        if (instance == null) {
            instance = new Bus(new LocalBroker());
        }
        return instance;
    }

    /** Publishes an envelope; returns its id so a test can publish the very same message again. */
    public String publish(String exchange, String type, Object payload) {
        return broker.publish(exchange, type, payload);
    }

    public String publish(String exchange, String type, String id, Object payload) {
        broker.publish(exchange, type, id, payload);
        return id;
    }

    public void publishRaw(String exchange, String routingKey, byte[] body) {
        broker.publishRaw(exchange, routingKey, new String(body, StandardCharsets.UTF_8));
    }

    /** Messages routing published with this type for this order. */
    public List<JsonNode> published(String type, String orderId) {
        return published.stream()
                .filter(m -> type.equals(m.path("type").asText()))
                .filter(m -> orderId.equals(m.path("payload").path("orderId").asText()))
                .toList();
    }

    /** Takes one message from a queue (e.g. a parking queue), or null when it is empty. */
    public String take(String queue) {
        return broker.take(queue);
    }
}

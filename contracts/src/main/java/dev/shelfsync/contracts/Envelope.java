package dev.shelfsync.contracts;

import java.time.Instant;

/**
 * The wrapper every message on the bus travels in.
 *
 * @param id unique message id; consumers record it to apply each message once
 * @param type the routing key the message was published with, e.g. {@code inventory.availability-changed}
 * @param occurredAt when the producing transaction committed the fact
 * @param correlationId id of the order, return or count that caused this message
 * @param version per-aggregate version that only grows, where ordering matters; otherwise null
 * @param payload the event record
 */
public record Envelope<T>(String id, String type, Instant occurredAt, String correlationId, Long version, T payload) {}

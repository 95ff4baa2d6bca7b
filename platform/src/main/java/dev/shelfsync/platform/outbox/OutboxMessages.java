package dev.shelfsync.platform.outbox;

import dev.shelfsync.platform.tracing.TraceParents;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;

/** An outbox row as the message the relay publishes: the envelope, its routing key, ids, headers and trace. */
final class OutboxMessages {

    private OutboxMessages() {}

    static Message<String> of(Row row) {
        String messageId = row.getUUID("message_id").toString();
        String routingKey = row.getString("routing_key");
        String correlationId = row.getString("correlation_id");
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        // The envelope of contracts' Envelope record, written field by field: the payload stays the JSON it was
        // stored as, never bound to a class here.
        String body = new JsonObject()
                .put("id", messageId)
                .put("type", routingKey)
                .put("occurredAt", occurredAt.toInstant().toString())
                .put("correlationId", correlationId)
                .put("version", row.getLong("version"))
                .put("payload", row.getJsonObject("payload"))
                .encode();
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withMessageId(messageId)
                .withType(routingKey)
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(occurredAt.atZoneSameInstant(ZoneOffset.UTC))
                .withHeaders(headers(messageId, routingKey, correlationId, occurredAt))
                .build();
        Message<String> message = Message.of(body).addMetadata(metadata);
        String traceParent = row.getString("trace_parent");
        if (traceParent != null) {
            // The connector's publish span becomes a child of the span that wrote the row, and the connector puts
            // that publish span on the message as its traceparent header, which the consumer's connector continues.
            message = message.addMetadata(TracingMetadata.withCurrent(TraceParents.parent(traceParent)));
        }
        return message;
    }

    private static Map<String, Object> headers(
            String messageId, String routingKey, String correlationId, OffsetDateTime occurredAt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("event-id", messageId);
        headers.put("event-type", routingKey);
        headers.put("occurred-at", occurredAt.toInstant().toString());
        if (correlationId != null) {
            headers.put("aggregate-id", correlationId);
        }
        return headers;
    }
}

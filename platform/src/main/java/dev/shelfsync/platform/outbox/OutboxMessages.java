package dev.shelfsync.platform.outbox;

import com.rabbitmq.client.AMQP;
import dev.shelfsync.platform.tracing.TraceParents;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/** An outbox row as the message the relay publishes: the envelope, its routing key, ids, headers and trace. */
final class OutboxMessages {

    private static final int PERSISTENT = 2;

    private OutboxMessages() {}

    static BrokerPublisher.Outbound of(Row row) {
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
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .type(routingKey)
                .contentType("application/json")
                .deliveryMode(PERSISTENT)
                .timestamp(Date.from(occurredAt.toInstant()))
                .headers(headers(messageId, routingKey, correlationId, occurredAt, row.getString("trace_parent")))
                .build();
        return new BrokerPublisher.Outbound(routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> headers(
            String messageId, String routingKey, String correlationId, OffsetDateTime occurredAt, String traceParent) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("event-id", messageId);
        headers.put("event-type", routingKey);
        headers.put("occurred-at", occurredAt.toInstant().toString());
        if (correlationId != null) {
            headers.put("aggregate-id", correlationId);
        }
        if (traceParent != null) {
            // The consumer's connector continues the trace from the span that wrote the row.
            headers.put(TraceParents.HEADER, traceParent);
        }
        return headers;
    }
}

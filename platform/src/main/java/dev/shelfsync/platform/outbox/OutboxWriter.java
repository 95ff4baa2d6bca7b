package dev.shelfsync.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.platform.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends events to the outbox inside the caller's transaction, so an event exists exactly when the change does. */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT =
            "insert into outbox_message (message_id, routing_key, correlation_id, version, payload, trace_parent)"
                    + " values ($1, $2, $3, $4, $5, $6)";

    /**
     * One event to append.
     *
     * @param version per-aggregate version for events whose order matters, otherwise null
     */
    public record Message(String routingKey, String correlationId, Long version, Object payload) {}

    private final ObjectMapper mapper;

    public OutboxWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param version per-aggregate version for events whose order matters, otherwise null */
    public Uni<Void> append(SqlConnection tx, String routingKey, String correlationId, Long version, Object payload) {
        return appendAll(tx, List.of(new Message(routingKey, correlationId, version, payload)));
    }

    /**
     * Appends the messages in their order as one batch: the client sends every row before it waits, so a
     * transaction's events cost one round trip however many there are.
     */
    public Uni<Void> appendAll(SqlConnection tx, List<Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The caller's span (the webhook's request, the consumed message): the relay publishes the row as its child,
        // so the trace goes on in the consumer although another transaction sends it.
        String traceParent = TraceParents.current();
        List<Tuple> rows = messages.stream()
                .map(message -> Tuple.of(
                        UUID.randomUUID(),
                        message.routingKey(),
                        message.correlationId(),
                        message.version(),
                        json(message.payload()),
                        traceParent))
                .toList();
        return tx.preparedQuery(INSERT).executeBatch(rows).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private JsonObject json(Object payload) {
        return new JsonObject(mapper.convertValue(payload, Map.class));
    }
}

package dev.shelfsync.gateway.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** Appends an event to the outbox inside the caller's transaction, so the event exists exactly when the change does. */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT =
            "insert into outbox_message (message_id, routing_key, correlation_id, version, payload)"
                    + " values ($1, $2, $3, $4, $5)";

    private final ObjectMapper mapper;

    public OutboxWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @param version per-aggregate version for events whose order matters, otherwise null */
    public Uni<Void> append(SqlConnection tx, String routingKey, String correlationId, Long version, Object payload) {
        @SuppressWarnings("unchecked")
        JsonObject json = new JsonObject(mapper.convertValue(payload, Map.class));
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.randomUUID(), routingKey, correlationId, version, json))
                .replaceWithVoid();
    }
}

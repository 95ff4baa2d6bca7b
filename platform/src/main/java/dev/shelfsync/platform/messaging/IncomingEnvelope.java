package dev.shelfsync.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A received envelope: its id and type read eagerly, its payload bound to a contract record on demand. A tolerant
 * reader: fields it does not know are ignored, so producers may add fields.
 */
public record IncomingEnvelope(
        String id, String type, Instant occurredAt, String correlationId, Long version, JsonNode payload) {

    public static IncomingEnvelope parse(Object body, ObjectMapper mapper) {
        try {
            JsonNode node = read(body, mapper);
            String id = node.path("id").asText(null);
            String type = node.path("type").asText(null);
            if (id == null || type == null || !node.hasNonNull("payload")) {
                throw new PoisonMessage("envelope without id, type or payload");
            }
            Long version = node.hasNonNull("version") ? node.get("version").asLong() : null;
            Instant occurredAt = Instant.now();
            if (node.hasNonNull("occurredAt")) {
                try {
                    occurredAt = Instant.parse(node.get("occurredAt").asText());
                } catch (DateTimeParseException e) {
                    throw new PoisonMessage("occurredAt is not an ISO-8601 instant");
                }
            }
            return new IncomingEnvelope(
                    id, type, occurredAt, node.path("correlationId").asText(null), version, node.get("payload"));
        } catch (IOException e) {
            throw new PoisonMessage("message body is not JSON");
        }
    }

    public <T> T payloadAs(Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonMessage("payload of " + this.type + " does not match " + type.getSimpleName());
        }
    }

    /**
     * Reads the body as it arrived. The services ask the connector for raw bytes (content-type-override in
     * platform's defaults), so the usual case is one parse; decoding to a Vert.x JsonObject first and encoding it
     * again for Jackson cost a tenth of a consumer's CPU under load.
     */
    private static JsonNode read(Object body, ObjectMapper mapper) throws IOException {
        if (body instanceof byte[] bytes) {
            return mapper.readTree(bytes);
        }
        if (body instanceof Buffer buffer) {
            return mapper.readTree(buffer.getBytes());
        }
        if (body instanceof io.vertx.mutiny.core.buffer.Buffer buffer) {
            return mapper.readTree(buffer.getBytes());
        }
        if (body instanceof JsonObject json) {
            return mapper.readTree(json.encode());
        }
        return mapper.readTree(String.valueOf(body));
    }
}

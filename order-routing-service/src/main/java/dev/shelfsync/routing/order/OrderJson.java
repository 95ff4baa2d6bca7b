package dev.shelfsync.routing.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The JSON columns of an order (ship-to address, routing explanation) to and from what the SQL client binds. */
@ApplicationScoped
public class OrderJson {

    private final ObjectMapper mapper;

    public OrderJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    JsonObject object(Object value) {
        return new JsonObject(mapper.convertValue(value, Map.class));
    }

    JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.readTree(value.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}

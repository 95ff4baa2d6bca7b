package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** What the simulator's HTTP layer answers; the channels and their APIs build it without touching HTTP. */
record Reply(int status, Object body, Map<String, String> headers) {

    static Reply json(int status, Object body) {
        return new Reply(status, body, Map.of());
    }

    /** A reply with the {@link #errors} body. */
    static Reply error(ObjectMapper mapper, int status, String message) {
        return json(status, errors(mapper, message));
    }

    /** The {@code {"errors":[{"message":...}]}} body the simulated APIs refuse a request with. */
    static ObjectNode errors(ObjectMapper mapper, String message) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("errors").addObject().put("message", message);
        return node;
    }
}

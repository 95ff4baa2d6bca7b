package dev.shelfsync.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a service answered: the JSON on success, or its problem+json turned into a sentence a person can act on.
 * Templates get plain maps and lists ({@link #data()}), which Qute reads by key.
 */
public record Answer(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Calls a service; an unreachable one becomes a 503 answer that says so instead of an error page. */
    public static Answer of(String service, Supplier<Response> call) {
        try (Response response = call.get()) {
            JsonNode body = MissingNode.getInstance();
            if (response.hasEntity()) {
                String text = response.readEntity(String.class);
                try {
                    body = text.isBlank() ? body : JSON.readTree(text);
                } catch (java.io.IOException notJson) {
                    body = JSON.createObjectNode().put("detail", text);
                }
            }
            return new Answer(response.getStatus(), body);
        } catch (ProcessingException unreachable) {
            return new Answer(
                    503,
                    JSON.createObjectNode()
                            .put("title", service + " is not answering")
                            .put("detail", "Try again in a moment; nothing was changed by this request."));
        }
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean notFound() {
        return status == 404;
    }

    /** The refusal in words: title, detail and each invalid field; null on success. */
    public String problem() {
        if (ok()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        words.add(body.path("title")
                .asText(
                        switch (status) {
                            case 401 -> "Your sign-in has expired";
                            case 403 -> "Your role may not do this";
                            case 404 -> "Not found";
                            default -> "The request was refused (" + status + ")";
                        }));
        String detail = body.path("detail").asText("");
        if (!detail.isBlank()) {
            words.add(detail);
        }
        for (JsonNode violation : body.path("violations")) {
            words.add(violation.path("field").asText("input") + ": "
                    + violation.path("message").asText());
        }
        return String.join(". ", words.stream().map(Answer::withoutFullStop).toList()) + ".";
    }

    /** The body as maps and lists for a template. */
    public Object data() {
        return body.isMissingNode() ? null : JSON.convertValue(body, Object.class);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
        return ok() && body.isArray() ? (List<Map<String, Object>>) data() : List.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        return ok() && body.isObject() ? (Map<String, Object>) data() : null;
    }

    private static String withoutFullStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}

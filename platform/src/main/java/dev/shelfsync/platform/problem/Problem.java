package dev.shelfsync.platform.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem documents. Extension members (e.g. the short lines of a refused reservation) sit at the top
 * level beside {@code type}, {@code title}, {@code status} and {@code detail}, as the RFC asks.
 */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://shelfsync.dev/problems/";

    /** One invalid input field. */
    public record Violation(String field, String message) {}

    private Problem() {}

    /** The members of a problem document, for code that answers outside JAX-RS (a Vert.x route). */
    public static Map<String, Object> body(int status, String type, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    public static Response response(int status, String type, String title, String detail) {
        return withExtensions(status, type, title, detail, Map.of());
    }

    public static Response withViolations(String detail, List<Violation> violations) {
        return withExtensions(400, "invalid-request", "Invalid request", detail, Map.of("violations", violations));
    }

    public static Response withExtensions(
            int status, String type, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = body(status, type, title, detail);
        body.putAll(extensions);
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(body)
                .build();
    }
}

package dev.shelfsync.inventory.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem document; {@code extensions} carries fields a client can act on (e.g. short lines). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type, String title, int status, String detail, List<Violation> violations, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://shelfsync.dev/problems/";

    /** One invalid input field. */
    public record Violation(String field, String message) {}

    public static Response response(int status, String type, String title, String detail) {
        return build(new Problem(URI.create(TYPE_BASE + type), title, status, detail, null, null));
    }

    public static Response withViolations(String detail, List<Violation> violations) {
        return build(new Problem(
                URI.create(TYPE_BASE + "invalid-request"), "Invalid request", 400, detail, violations, null));
    }

    public static Response withExtensions(
            int status, String type, String title, String detail, Map<String, Object> extensions) {
        return build(new Problem(URI.create(TYPE_BASE + type), title, status, detail, null, extensions));
    }

    private static Response build(Problem problem) {
        return Response.status(problem.status())
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(problem)
                .build();
    }
}

package dev.shelfsync.gateway.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure a client can cause into application/problem+json, never a class name or a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.response(404, "not-found", "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.type(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamUnavailableProblem e) {
        Response response = Problem.response(e.status(), e.type(), e.title(), e.getMessage());
        if (e.retryAfter() != null) {
            // whole seconds, rounded up: a pause of 0.2 s must not read as "retry now"
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            return Response.fromResponse(response)
                    .header("Retry-After", Long.toString(seconds))
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return Problem.withViolations("The request has invalid fields.", violations);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Problem.response(
                400, "malformed-json", "Malformed JSON", "The request body is not valid JSON for this operation.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = status >= 500 ? "The request could not be completed." : e.getMessage();
        return Problem.response(status, status >= 500 ? "server-error" : "http-" + status, title, detail);
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        return switch (e.getSqlState()) {
            case "23503" -> Problem.response(404, "not-found", "Not found", "The channel does not exist.");
            case "23505" -> Problem.response(409, "duplicate", "Already exists", "The resource already exists.");
            default -> {
                LOG.errorf("database failure %s", e.getSqlState());
                yield Problem.response(
                        503,
                        "database-unavailable",
                        "Service Unavailable",
                        "The gateway database failed; retry later.");
            }
        };
    }

    /** Strips the method and argument prefix Hibernate Validator puts on parameter paths ("put.arg1.name"). */
    private static String field(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}

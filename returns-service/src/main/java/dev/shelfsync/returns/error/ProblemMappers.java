package dev.shelfsync.returns.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
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
    public Response conflict(ConflictProblem e) {
        return Problem.withExtensions(
                409, e.type(), "Conflict with the return's current state", e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInput e) {
        return Problem.withViolations(e.getMessage(), e.violations());
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

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        Response problem = Problem.response(
                401, "unauthenticated", "Unauthorized", "A valid bearer token is required for this operation.");
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbiddenLocation(ForbiddenProblem e) {
        return Problem.response(403, "not-your-location", "Forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "forbidden", "Forbidden", "Your role does not allow this operation.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 400 && causedByJson(e)) {
            return unreadable(null);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = status >= 500 ? "The request could not be completed." : e.getMessage();
        return Problem.response(status, status >= 500 ? "server-error" : "http-" + status, title, detail);
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        if ("23505".equals(e.getSqlState())) {
            return Problem.response(409, "duplicate", "Already exists", "A return with this reference already exists.");
        }
        if ("23514".equals(e.getSqlState())) {
            return Problem.response(
                    409,
                    "invariant",
                    "Conflict with the return's current state",
                    "The change would break a quantity rule of the return.");
        }
        LOG.errorf("database failure %s: %s", e.getSqlState(), e.getMessage());
        return Problem.response(
                503, "database-unavailable", "Service Unavailable", "The returns database failed; retry later.");
    }

    private static boolean causedByJson(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** Strips the method and argument prefix Hibernate Validator puts on parameter paths ("create.arg1.lines"). */
    private static String field(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}

package dev.shelfsync.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.shelfsync.platform.security.ForbiddenLocationProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The refusals every service answers the same way, as application/problem+json: unknown resources, invalid
 * fields, unreadable or oversized bodies, HTTP-level refusals and missing or insufficient credentials. Each service adds the
 * problems of its own domain (conflicts, database constraints) in its own mappers.
 */
public class CommonProblemMappers {

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.response(404, "not-found", "Not found", e.getMessage());
    }

    /** A chunked body counted past the limit while it was read; the connection is closed after this answer. */
    @ServerExceptionMapper
    public Response tooLarge(BodyTooLargeProblem e) {
        return Response.status(413)
                .type(Problem.MEDIA_TYPE)
                .entity(OversizedBodyRefusal.problem(e.limit()))
                .header("Connection", "close")
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        return Problem.withViolations("The request has invalid fields.", violations);
    }

    /**
     * Jackson's more specific failures (a string where an object belongs, a number that is not one, nesting past
     * the parser's limit) would otherwise meet Quarkus' own mappers, which answer 400 with an empty body.
     */
    @ServerExceptionMapper(
            value = {MismatchedInputException.class, StreamConstraintsException.class},
            priority = Priorities.USER - 100)
    public Response wrongShape(JsonProcessingException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Problem.response(
                400, "malformed-json", "Malformed JSON", "The request body is not valid JSON for this operation.");
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

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        Response problem = Problem.response(
                401, "unauthenticated", "Unauthorized", "A valid bearer token is required for this operation.");
        return Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbiddenLocation(ForbiddenLocationProblem e) {
        return Problem.response(403, "not-your-location", "Forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "forbidden", "Forbidden", "Your role does not allow this operation.");
    }

    private static boolean causedByJson(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    /** Strips the method and argument prefix Hibernate Validator puts on parameter paths ("put.arg1.name"). */
    private static String field(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}

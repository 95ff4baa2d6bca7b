package dev.shelfsync.routing.error;

import dev.shelfsync.platform.problem.Problem;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of this context, as application/problem+json; the common ones are the platform's {@code CommonProblemMappers}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response conflict(ConflictProblem e) {
        return Problem.withExtensions(409, e.type(), "Conflict with current state", e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        return switch (e.getSqlState()) {
            case "23503" -> Problem.response(
                    404, "not-found", "Not found", "Something the request refers to does not exist.");
            case "23514" -> Problem.response(
                    400, "invalid-request", "Invalid request", "A value in the request is out of range.");
            case "23505" -> Problem.response(409, "duplicate", "Already exists", "The resource already exists.");
            default -> {
                LOG.errorf("database failure %s: %s", e.getSqlState(), e.getMessage());
                yield Problem.response(
                        503,
                        "database-unavailable",
                        "Service Unavailable",
                        "The routing database failed; retry later.");
            }
        };
    }
}

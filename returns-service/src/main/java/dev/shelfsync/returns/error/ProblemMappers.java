package dev.shelfsync.returns.error;

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
        return Problem.withExtensions(
                409, e.type(), "Conflict with the return's current state", e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInput e) {
        return Problem.withViolations(e.getMessage(), e.violations());
    }

    @ServerExceptionMapper
    public Response forbiddenLocation(ForbiddenProblem e) {
        return Problem.response(403, "not-your-location", "Forbidden", e.getMessage());
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
}

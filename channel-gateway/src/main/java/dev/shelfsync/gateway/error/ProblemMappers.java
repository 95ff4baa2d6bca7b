package dev.shelfsync.gateway.error;

import dev.shelfsync.platform.problem.Problem;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of this context, as application/problem+json; the common ones are the platform's {@code CommonProblemMappers}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
}

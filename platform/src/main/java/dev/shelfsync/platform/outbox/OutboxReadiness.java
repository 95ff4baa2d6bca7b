package dev.shelfsync.platform.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while committed events are not leaving: the broker refuses or never confirms, or the backlog grows
 * larger or older than its bound. Channels would show stale quantities, so traffic should go to a replica that
 * keeps up; the check turns UP by itself once the relay publishes again.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements AsyncHealthCheck {

    private final Pool pool;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    public OutboxReadiness(Pool pool, OutboxRelay relay, OutboxConfig config) {
        this.pool = pool;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select count(*), coalesce(extract(epoch from now() - min(occurred_at)), 0)"
                        + " from outbox_message")
                .execute()
                .map(rows -> verdict(rows.iterator().next()))
                .onFailure()
                .recoverWithItem(error -> HealthCheckResponse.named("outbox")
                        .down()
                        .withData("database", error.getMessage())
                        .build());
    }

    private HealthCheckResponse verdict(Row row) {
        long backlog = row.getLong(0);
        double oldestSeconds = row.getNumeric(1).doubleValue();
        OutboxRelay.Failure failure = relay.failure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox")
                .status(failure == null
                        && backlog <= config.maxBacklog()
                        && oldestSeconds <= config.maxAge().toSeconds())
                .withData("unpublished", backlog)
                .withData("oldestSeconds", (long) oldestSeconds);
        if (failure != null) {
            response.withData("failingSince", failure.since().toString()).withData("failure", failure.reason());
        }
        return response.build();
    }
}

package dev.shelfsync.inventory.outbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while committed events pile up unpublished: channels would show stale quantities, so a load balancer
 * should prefer a replica whose relay keeps up.
 */
@Readiness
@ApplicationScoped
public class OutboxBacklogCheck implements AsyncHealthCheck {

    private final Pool pool;
    private final long maxBacklog;

    public OutboxBacklogCheck(
            Pool pool, @ConfigProperty(name = "shelfsync.outbox.max-backlog", defaultValue = "10000") long maxBacklog) {
        this.pool = pool;
        this.maxBacklog = maxBacklog;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query(
                        "select count(*), coalesce(extract(epoch from now() - min(occurred_at)), 0) from outbox_message")
                .execute()
                .map(rows -> {
                    var row = rows.iterator().next();
                    long backlog = row.getLong(0);
                    return HealthCheckResponse.named("outbox")
                            .status(backlog <= maxBacklog)
                            .withData("unpublished", backlog)
                            .withData("oldestSeconds", row.getNumeric(1).longValue())
                            .build();
                });
    }
}

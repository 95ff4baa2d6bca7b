package dev.shelfsync.returns.sla;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.returns.config.ReturnsConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes {@code returns.inspection-overdue} once per return that was received and not inspected within the SLA.
 *
 * <p>Safe with any number of replicas: one conditional {@code UPDATE ... WHERE overdue_published_at IS NULL} claims
 * each return; a concurrent sweep blocks on the row lock, re-checks the condition and skips it, so only the
 * transaction that marked a return writes its outbox row.
 */
@ApplicationScoped
public class OverdueSweep {

    private static final Logger LOG = Logger.getLogger(OverdueSweep.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final OutboxWriter outbox;
    private final ReturnsConfig config;

    public OverdueSweep(Pool pool, OutboxWriter outbox, ReturnsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
    }

    @Scheduled(
            identity = "returns-overdue-sweep",
            every = "${returns.overdue-check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("overdue sweep failed, next run retries: %s", failure.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** @return how many returns this call marked overdue and published */
    public Uni<Integer> sweep() {
        double slaSeconds = config.inspectionSla().toMillis() / 1000.0;
        return pool.withTransaction(tx -> tx.preparedQuery("update rma set overdue_published_at = now()"
                        + " where id in (select id from rma where status = 'received' and overdue_published_at is null"
                        + " and received_at <= now() - make_interval(secs => $1) order by received_at limit $2)"
                        + " and status = 'received' and overdue_published_at is null"
                        + " returning id, location_id, received_at")
                .execute(Tuple.of(slaSeconds, BATCH))
                .flatMap(rows -> {
                    List<Uni<Void>> writes = new ArrayList<>();
                    for (Row row : rows) {
                        Instant receivedAt =
                                row.getOffsetDateTime("received_at").toInstant();
                        String id = row.getString("id");
                        writes.add(outbox.append(
                                tx,
                                RoutingKeys.INSPECTION_OVERDUE,
                                id,
                                null,
                                new InspectionOverdue(
                                        id,
                                        row.getString("location_id"),
                                        receivedAt,
                                        receivedAt.plus(config.inspectionSla()))));
                    }
                    if (writes.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    // One statement at a time on the transaction's connection.
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Uni<Void> write : writes) {
                        chain = chain.flatMap(ignored -> write);
                    }
                    return chain.replaceWith(rows.size());
                }));
    }
}

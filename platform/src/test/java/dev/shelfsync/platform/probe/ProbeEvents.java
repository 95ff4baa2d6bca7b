package dev.shelfsync.platform.probe;

import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** A producer wired the way every service wires one: a change and its outbox rows in one transaction. */
@ApplicationScoped
public class ProbeEvents {

    private final Pool pool;
    private final OutboxWriter outbox;

    public ProbeEvents(Pool pool, OutboxWriter outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** Commits one event per label. */
    public Uni<Void> record(String... labels) {
        return pool.withTransaction(tx -> outbox.appendAll(tx, messages(labels)));
    }

    /** Commits one event whose first delivery fails, as a dependency outage would make it. */
    public Uni<Void> recordFailingOnce(String label) {
        return pool.withTransaction(tx -> outbox.appendAll(
                tx,
                List.of(new OutboxWriter.Message(
                        "probe.recorded", "probe-" + label, 1L, Map.of("label", label, "failTimes", 1)))));
    }

    /** Appends the events, then fails the transaction: nothing may leave. */
    public Uni<Void> recordThenFail(String... labels) {
        return pool.withTransaction(tx -> outbox.appendAll(tx, messages(labels))
                .flatMap(appended -> Uni.createFrom().failure(new IllegalStateException("business rule refused"))));
    }

    private static List<OutboxWriter.Message> messages(String... labels) {
        return List.of(labels).stream()
                .map(label -> new OutboxWriter.Message("probe.recorded", "probe-" + label, 1L, Map.of("label", label)))
                .toList();
    }
}

package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.inventory.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * Inside a stock-changing transaction: takes the SKU's next availability version and appends the resulting
 * {@code inventory.availability-changed} to the outbox.
 *
 * <p>The version bump locks the SKU row until commit, so versions follow commit order and each event's numbers
 * include every change with a lower version.
 */
@ApplicationScoped
public class AvailabilityOutbox {

    private static final String NEXT_VERSION =
            "update sku set availability_version = availability_version + 1 where sku = $1 returning availability_version";

    private final OutboxWriter outbox;
    private final AvailabilityReader reader;

    public AvailabilityOutbox(OutboxWriter outbox, AvailabilityReader reader) {
        this.outbox = outbox;
        this.reader = reader;
    }

    /** Publishes availability for each SKU, in SKU order so concurrent transactions lock SKU rows alike. */
    public Uni<Void> publish(SqlConnection tx, Collection<String> skus, String correlationId) {
        List<String> ordered = skus.stream().distinct().sorted().toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sku : ordered) {
            chain = chain.flatMap(ignored -> publishOne(tx, sku, correlationId));
        }
        return chain;
    }

    private Uni<Void> publishOne(SqlConnection tx, String sku, String correlationId) {
        return tx.preparedQuery(NEXT_VERSION)
                .execute(Tuple.of(sku))
                .flatMap(rows -> reader.read(tx, sku, rows.iterator().next().getLong(0)))
                .flatMap(event ->
                        outbox.append(tx, RoutingKeys.AVAILABILITY_CHANGED, correlationId, event.version(), event));
    }
}

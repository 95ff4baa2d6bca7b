package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.inventory.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Inside a stock-changing transaction: takes the next availability version of each changed SKU, and of every
 * bundle that contains one, and appends the resulting {@code inventory.availability-changed} to the outbox.
 *
 * <p>The version bump holds the SKU row lock until commit, so versions follow commit order and each event's numbers
 * include every change with a lower version. Components are bumped before bundles, each group in SKU order, the
 * same lock order every transaction uses.
 */
@ApplicationScoped
public class AvailabilityOutbox {

    private static final String NEXT_VERSION =
            "update sku set availability_version = availability_version + 1 where sku = $1 returning availability_version";
    private static final String BUNDLES_CONTAINING =
            "select distinct bundle_sku from bundle_component where component_sku = any($1) order by bundle_sku";

    private final OutboxWriter outbox;
    private final AvailabilityReader reader;

    public AvailabilityOutbox(OutboxWriter outbox, AvailabilityReader reader) {
        this.outbox = outbox;
        this.reader = reader;
    }

    public Uni<Void> publish(SqlConnection tx, Collection<String> skus, String correlationId) {
        String[] changed = skus.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery(BUNDLES_CONTAINING)
                .execute(Tuple.of((Object) changed))
                .flatMap(rows -> {
                    List<String> ordered = new ArrayList<>(List.of(changed));
                    for (Row row : rows) {
                        ordered.add(row.getString("bundle_sku"));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String sku : ordered) {
                        chain = chain.flatMap(ignored -> publishOne(tx, sku, correlationId));
                    }
                    return chain;
                });
    }

    private Uni<Void> publishOne(SqlConnection tx, String sku, String correlationId) {
        return tx.preparedQuery(NEXT_VERSION)
                .execute(Tuple.of(sku))
                .flatMap(rows -> reader.read(tx, sku, rows.iterator().next().getLong(0)))
                .flatMap(event ->
                        outbox.append(tx, RoutingKeys.AVAILABILITY_CHANGED, correlationId, event.version(), event));
    }
}

package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inside a stock-changing transaction: takes the next availability version of each changed SKU, and of every
 * bundle that contains one, and turns the resulting numbers into {@code inventory.availability-changed} events.
 *
 * <p>The version bump holds the SKU row lock until commit, so versions follow commit order and each event's numbers
 * include every change with a lower version. Components are bumped before bundles, each group in SKU order, the
 * same lock order every transaction uses; the numbers are read after the bump, under those locks.
 */
@ApplicationScoped
public class AvailabilityOutbox {

    /**
     * One statement for every SKU: locks them in the documented order (the changed SKUs are already held by the
     * caller, so only the bundles containing them are newly locked, in SKU order), then bumps each version once.
     */
    private static final String NEXT_VERSIONS =
            """
            with targets as (
                select sku, min(bundle_rank) as bundle_rank from (
                    select sku, 0 as bundle_rank from unnest($1::text[]) as sku
                    union all
                    select bundle_sku, 1 from bundle_component where component_sku = any($1)) candidates
                 group by sku),
            locked as materialized (
                select s.sku, t.bundle_rank from sku s join targets t on t.sku = s.sku
                 order by t.bundle_rank, s.sku for no key update of s)
            update sku set availability_version = sku.availability_version + 1
              from locked where sku.sku = locked.sku
            returning sku.sku, sku.availability_version, locked.bundle_rank
            """;

    private final OutboxWriter outbox;
    private final AvailabilityReader reader;

    public AvailabilityOutbox(OutboxWriter outbox, AvailabilityReader reader) {
        this.outbox = outbox;
        this.reader = reader;
    }

    /** Takes the next versions and appends the events at once: for changes that publish nothing else. */
    public Uni<Void> publish(SqlConnection tx, Collection<String> skus, String correlationId) {
        return reader.policies(tx)
                .flatMap(policies ->
                        nextVersions(tx, skus).flatMap(versions -> events(tx, versions, correlationId, policies)))
                .flatMap(events -> outbox.appendAll(tx, events));
    }

    /**
     * @return the version each changed SKU and each bundle containing one now has, components first, then bundles,
     *     each group in SKU order
     */
    public Uni<Map<String, Long>> nextVersions(SqlConnection tx, Collection<String> skus) {
        String[] changed = skus.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery(NEXT_VERSIONS)
                .execute(Tuple.of((Object) changed))
                .map(rows -> {
                    List<Row> bumped = new ArrayList<>();
                    rows.forEach(bumped::add);
                    bumped.sort(Comparator.comparing((Row row) -> row.getInteger("bundle_rank"))
                            .thenComparing(row -> row.getString("sku")));
                    Map<String, Long> versions = new LinkedHashMap<>();
                    bumped.forEach(row -> versions.put(row.getString("sku"), row.getLong("availability_version")));
                    return versions;
                });
    }

    /** The availability events for the versions just taken, numbers read now (after every change of the caller). */
    public Uni<List<OutboxWriter.Message>> events(
            SqlConnection tx, Map<String, Long> versions, String correlationId, ChannelPolicies policies) {
        if (versions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return reader.read(tx, versions, policies).map(events -> events.stream()
                .map(event -> new OutboxWriter.Message(
                        RoutingKeys.AVAILABILITY_CHANGED, correlationId, event.version(), event))
                .toList());
    }
}

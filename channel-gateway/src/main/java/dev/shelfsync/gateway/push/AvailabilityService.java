package dev.shelfsync.gateway.push;

import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.gateway.sales.SalesInFlight;
import dev.shelfsync.platform.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns an availability change into the quantity each listing should show. Conditional on the version, so an older
 * event arriving late changes nothing; several changes before a push coalesce into the latest. Sales the new version
 * includes stop being subtracted as in flight.
 */
@ApplicationScoped
public class AvailabilityService {

    private static final String SKU = "insert into sku_availability (sku, version, default_available, channels,"
            + " fences) values ($1, $2, $3, $4, $5) on conflict (sku) do update set version = excluded.version,"
            + " default_available = excluded.default_available, channels = excluded.channels,"
            + " fences = excluded.fences"
            + " where sku_availability.version < excluded.version";
    // Rows locked in key order, as SalesInFlight does, so the two never deadlock on a SKU's listings.
    private static final String LISTINGS = "with target as (select channel_id, listing_id from listing_mapping"
            + " where sku = $1 and (desired_version is null or desired_version < $4)"
            + " order by channel_id, listing_id for update)"
            + " update listing_mapping m set"
            + " desired_quantity = greatest(0, coalesce(($2::jsonb ->> m.channel_id)::int, $3)) / m.pack_size,"
            + " desired_version = $4 from target t"
            + " where m.channel_id = t.channel_id and m.listing_id = t.listing_id returning m.channel_id";

    private final Pool pool;
    private final Inbox inbox;
    private final SalesInFlight salesInFlight;

    public AvailabilityService(Pool pool, Inbox inbox, SalesInFlight salesInFlight) {
        this.pool = pool;
        this.inbox = inbox;
        this.salesInFlight = salesInFlight;
    }

    /** @return the channels with listings that now differ from what was pushed */
    public Uni<Set<String>> apply(AvailabilityChanged change, String messageId) {
        JsonObject channels =
                new JsonObject(change.channels() == null ? new HashMap<>() : new HashMap<>(change.channels()));
        return pool.withTransaction(tx -> inbox.firstDelivery(tx, messageId).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(Set.<String>of());
            }
            return SkuListingsLock.hold(tx, change.sku())
                    .flatMap(locked -> tx.preparedQuery(SKU)
                            .execute(Tuple.of(
                                    change.sku(),
                                    change.version(),
                                    change.defaultAvailable(),
                                    channels,
                                    new JsonObject(new HashMap<>(change.fences())))))
                    .flatMap(ignored -> salesInFlight.reflectedBy(tx, change.sku(), change.version(), change.sales()))
                    .flatMap(ignored -> tx.preparedQuery(LISTINGS)
                            .execute(Tuple.of(change.sku(), channels, change.defaultAvailable(), change.version())))
                    .map(rows -> {
                        Set<String> changed = new LinkedHashSet<>();
                        rows.forEach(row -> changed.add(row.getString("channel_id")));
                        return changed;
                    });
        }));
    }
}

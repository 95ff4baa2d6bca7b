package dev.shelfsync.inventory.policy;

import dev.shelfsync.inventory.error.ConflictProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;

/**
 * How large a channel's fence on an SKU may be: the SKU's sellable units at the locations serving the channel,
 * plus those the channel's own open reservations hold (they fill its fence), less what the other channels' fences
 * on the SKU still keep and the units moving out of them. A larger fence could not be held: overlapping fences would leave each channel less than
 * its own.
 */
@ApplicationScoped
public class FenceRoom {

    private static final String ROOM =
            """
            select t.sku,
                   coalesce((select sum(s.on_hand - s.reserved - s.damaged - s.quality_hold)
                               from stock_level s join location l on l.id = s.location_id
                              where s.sku = t.sku and l.active
                                and (cardinality(l.serves_channels) = 0 or $2 = any(l.serves_channels))), 0)
                 + coalesce((select sum(r.quantity) from reservation r
                               join reservation_request q on q.order_id = r.order_id
                              where r.sku = t.sku and q.status = 'open' and q.channel_id = $2), 0)
                 - coalesce((select sum(greatest(0, f.ring_fenced - coalesce(
                                 (select sum(r.quantity) from reservation r
                                    join reservation_request q on q.order_id = r.order_id
                                   where r.sku = f.sku and q.status = 'open' and q.channel_id = f.channel_id), 0)))
                               from effective_fence f where f.sku = t.sku and f.channel_id <> $2), 0)
                 - coalesce((select sum(b.units) from fence_rebalance b
                              where b.sku = t.sku and b.state = 'lowering' and b.from_channel_id <> $2), 0) as room
              from unnest($1::text[]) as t (sku)
            """;

    /** Refuses with 409 {@code fence-exceeds-sellable} when a fence of {@code units} does not fit every SKU. */
    public Uni<Void> require(SqlConnection tx, String channelId, Collection<String> skus, int units) {
        if (units == 0 || skus.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(ROOM)
                .execute(Tuple.of(skus.toArray(String[]::new), channelId))
                .map(rows -> {
                    for (Row row : rows) {
                        int room = row.getInteger("room");
                        if (units > room) {
                            String sku = row.getString("sku");
                            throw new ConflictProblem(
                                    "fence-exceeds-sellable",
                                    "A ring-fence of " + units + " on " + sku + " for channel " + channelId
                                            + " exceeds its sellable units beyond the other channels' fences (at most "
                                            + Math.max(0, room) + ").",
                                    Map.of("sku", sku, "ringFenced", units, "largestSellable", Math.max(0, room)));
                        }
                    }
                    return null;
                });
    }
}

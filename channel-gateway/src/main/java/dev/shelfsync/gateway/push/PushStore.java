package dev.shelfsync.gateway.push;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.gateway.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the pushers read and record: listings behind their desired version, and what each push achieved. */
@ApplicationScoped
public class PushStore {

    // Decreases (and never-pushed listings) first: showing too much is what oversells.
    private static final String DIRTY = "select listing_id, coalesce(inventory_item_id, listing_id) as item_id,"
            + " desired_quantity, desired_version, pushed_quantity from listing_mapping"
            + " where channel_id = $1 and desired_version is not null"
            + " and (pushed_version is null or pushed_version < desired_version)"
            + " order by case when pushed_quantity is null or desired_quantity < pushed_quantity then 0 else 1 end,"
            + " listing_id limit $2";
    private static final String PUSHED = "update listing_mapping set pushed_quantity = $3, pushed_version = $4,"
            + " pushed_at = now(), push_error = null where channel_id = $1 and listing_id = $2"
            + " and (pushed_version is null or pushed_version < $4)";
    private static final String REJECTED = "update listing_mapping set pushed_version = $4, push_error = $3"
            + " where channel_id = $1 and listing_id = $2 and (pushed_version is null or pushed_version < $4)";

    private final Pool pool;
    private final OutboxWriter outbox;

    public PushStore(Pool pool, OutboxWriter outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    Uni<List<PendingPush>> pending(String channelId, int limit) {
        return pool.preparedQuery(DIRTY).execute(Tuple.of(channelId, limit)).map(rows -> {
            List<PendingPush> pending = new ArrayList<>();
            for (Row row : rows) {
                pending.add(new PendingPush(
                        row.getString("listing_id"),
                        row.getString("item_id"),
                        row.getInteger("desired_quantity"),
                        row.getLong("desired_version"),
                        row.getInteger("pushed_quantity")));
            }
            return pending;
        });
    }

    Uni<Void> pushed(String channelId, List<PendingPush> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        items.forEach(item -> batch.add(Tuple.of(channelId, item.listingId(), item.quantity(), item.version())));
        return pool.preparedQuery(PUSHED).executeBatch(batch).replaceWithVoid();
    }

    /** A marketplace refused the change itself (4xx, user error): recorded, not retried at this version. */
    Uni<Void> rejected(String channelId, List<PendingPush> items, String reason) {
        List<Tuple> batch = new ArrayList<>();
        items.forEach(item -> batch.add(Tuple.of(channelId, item.listingId(), reason, item.version())));
        return pool.preparedQuery(REJECTED).executeBatch(batch).replaceWithVoid();
    }

    Uni<Void> syncFailed(String channelId, String reason, Instant since) {
        return pool.withTransaction(tx -> tx.preparedQuery("select count(*) as pending from listing_mapping"
                        + " where channel_id = $1 and desired_version is not null"
                        + " and (pushed_version is null or pushed_version < desired_version)")
                .execute(Tuple.of(channelId))
                .flatMap(rows -> outbox.append(
                        tx,
                        RoutingKeys.SYNC_FAILED,
                        channelId,
                        null,
                        new ChannelSyncFailed(
                                channelId,
                                reason,
                                since,
                                rows.iterator().next().getLong("pending").intValue()))));
    }
}

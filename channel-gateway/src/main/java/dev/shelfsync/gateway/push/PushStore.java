package dev.shelfsync.gateway.push;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** What the pushers read and record: listings behind their desired version, and what each push achieved. */
@ApplicationScoped
public class PushStore {

    // What a listing shows: ListingQuantity.QUANTITY.
    // Decreases (and never-pushed listings) first: showing too much is what oversells. A channel with a ring-fence on
    // the SKU is flagged: its own sales lower its number exactly as they lowered its store (see PendingPush.shown).
    private static final String DIRTY = "select * from (select m.listing_id,"
            + " coalesce(m.inventory_item_id, m.listing_id) as item_id,"
            + " (a.fences ->> m.channel_id) is not null as fenced,"
            + " " + ListingQuantity.QUANTITY + " as quantity,"
            + " m.desired_version, m.sales_seq, m.pushed_quantity, m.sold_since_push, r.sales, r.sales_received_at,"
            + " r.sales_trace_parents"
            + " from listing_mapping m"
            + " join sku_availability a on a.sku = m.sku"
            + ListingQuantity.IN_FLIGHT_JOIN
            + " left join lateral (select array_agg(s.channel_id || '/' || s.external_order_id"
            + " order by s.received_at) as sales, array_agg((extract(epoch from s.received_at) * 1000)::bigint"
            + " order by s.received_at) as sales_received_at,"
            + " array_agg(s.trace_parent order by s.received_at) as sales_trace_parents"
            + " from sale_in_flight s where s.sku = m.sku"
            + " and (s.reflected_version is null or s.reflected_version > a.version)) r on true"
            + " where m.channel_id = $1 and m.behind) dirty"
            + " order by case when pushed_quantity is null or quantity < pushed_quantity - sold_since_push"
            + " then 0 else 1 end,"
            + " listing_id limit $2";
    // Sales reported while the push was on its way happened after it reached the store (a compare-and-set push
    // would have failed otherwise), so they stay counted against the new quantity.
    private static final String PUSHED = "update listing_mapping set pushed_quantity = $3, pushed_version = $4,"
            + " pushed_sales_seq = $5, sold_since_push = sold_since_push - $6, pushed_at = now(), push_error = null,"
            + " push_sent_at = coalesce($7, push_sent_at),"
            + " push_acknowledged_at = case when $7 is null then push_acknowledged_at else now() end"
            + " where channel_id = $1 and listing_id = $2"
            + " and (pushed_version is null or (pushed_version, pushed_sales_seq) < ($4, $5))";
    private static final String REJECTED = "update listing_mapping set pushed_version = $4, pushed_sales_seq = $5,"
            + " push_error = $3 where channel_id = $1 and listing_id = $2"
            + " and (pushed_version is null or (pushed_version, pushed_sales_seq) < ($4, $5))";

    // After a push recorded for fenced listings: per SKU, the version every listing of it on the channel shows, when
    // none of them is behind a refused push. Inventory waits for it to raise a fence another channel gave units to.
    private static final String ACKNOWLEDGED = "select m.sku, min(m.pushed_version) as version"
            + " from listing_mapping m where m.channel_id = $1 and m.sku in"
            + " (select sku from listing_mapping where channel_id = $1 and listing_id = any($2))"
            + " group by m.sku having bool_and(m.pushed_version is not null and m.push_error is null)";
    private static final String FAILING = "insert into channel_sync_state (channel_id, failing_since, last_error)"
            + " values ($1, now(), $2) on conflict (channel_id) do update set last_error = excluded.last_error,"
            + " failing_since = coalesce(channel_sync_state.failing_since, excluded.failing_since)";
    private static final String REPORT = "update channel_sync_state set reported_at = now()"
            + " where channel_id = $1 and reported_at is null"
            + " and failing_since <= now() - $2::bigint * interval '1 millisecond' returning failing_since";
    private static final String PENDING =
            "select count(*) as pending from listing_mapping where channel_id = $1 and behind";

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
                String[] sales = row.getArrayOfStrings("sales");
                Long[] receivedAt = row.getArrayOfLongs("sales_received_at");
                String[] traceParents = row.getArrayOfStrings("sales_trace_parents");
                pending.add(new PendingPush(
                        row.getString("listing_id"),
                        row.getString("item_id"),
                        row.getInteger("quantity"),
                        row.getLong("desired_version"),
                        row.getLong("sales_seq"),
                        row.getInteger("pushed_quantity"),
                        row.getInteger("sold_since_push"),
                        row.getBoolean("fenced"),
                        sales == null ? List.of() : List.of(sales),
                        receivedAt == null ? List.of() : List.of(receivedAt),
                        traceParents == null ? List.of() : Arrays.asList(traceParents)));
            }
            return pending;
        });
    }

    /**
     * Records listings as in step with their stores; for fenced listings also publishes, in the same transaction,
     * {@code channels.availability-acknowledged} with the version every listing of their SKU on the channel shows.
     *
     * @param sent pushed in a request sent at {@code sentAt} that the store acknowledged just now
     * @param unchanged not sent: the store already shows their quantity
     */
    Uni<Void> pushed(String channelId, List<PendingPush> sent, Instant sentAt, List<PendingPush> unchanged) {
        if (sent.isEmpty() && unchanged.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime sentTime = sentAt == null ? null : sentAt.atOffset(ZoneOffset.UTC);
        List<Tuple> batch = new ArrayList<>();
        sent.forEach(item -> batch.add(pushedRow(channelId, item, sentTime)));
        unchanged.forEach(item -> batch.add(pushedRow(channelId, item, null)));
        String[] fenced = Stream.concat(sent.stream(), unchanged.stream())
                .filter(PendingPush::fenced)
                .map(PendingPush::listingId)
                .toArray(String[]::new);
        if (fenced.length == 0) {
            return pool.preparedQuery(PUSHED).executeBatch(batch).replaceWithVoid();
        }
        return pool.withTransaction(tx -> tx.preparedQuery(PUSHED)
                .executeBatch(batch)
                .flatMap(recorded -> tx.preparedQuery(ACKNOWLEDGED).execute(Tuple.of(channelId, fenced)))
                .flatMap(rows -> {
                    List<OutboxWriter.Message> acknowledged = new ArrayList<>();
                    for (Row row : rows) {
                        acknowledged.add(new OutboxWriter.Message(
                                RoutingKeys.AVAILABILITY_ACKNOWLEDGED,
                                channelId,
                                null,
                                new AvailabilityAcknowledged(channelId, row.getString("sku"), row.getLong("version"))));
                    }
                    return outbox.appendAll(tx, acknowledged);
                }));
    }

    private static Tuple pushedRow(String channelId, PendingPush item, OffsetDateTime sentAt) {
        return Tuple.tuple()
                .addString(channelId)
                .addString(item.listingId())
                .addInteger(item.quantity())
                .addLong(item.version())
                .addLong(item.salesSeq())
                .addInteger(item.soldSincePush())
                .addOffsetDateTime(sentAt);
    }

    /** A marketplace refused the change itself (4xx, user error): recorded, not retried at this version. */
    Uni<Void> rejected(String channelId, List<PendingPush> items, String reason) {
        List<Tuple> batch = new ArrayList<>();
        items.forEach(
                item -> batch.add(Tuple.of(channelId, item.listingId(), reason, item.version(), item.salesSeq())));
        return pool.preparedQuery(REJECTED).executeBatch(batch).replaceWithVoid();
    }

    /**
     * Records a failed push. When the channel has been failing for at least {@code bound} and this outage was not
     * reported yet, publishes {@code channels.sync-failed} in the same transaction: one event per outage, whichever
     * replica pushes.
     *
     * @return true when this call published the event
     */
    Uni<Boolean> syncFailing(String channelId, String reason, Duration bound) {
        return pool.withTransaction(tx -> tx.preparedQuery(FAILING)
                .execute(Tuple.of(channelId, reason))
                .flatMap(ignored -> tx.preparedQuery(REPORT).execute(Tuple.of(channelId, bound.toMillis())))
                .flatMap(reported -> {
                    if (reported.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Instant since = reported.iterator()
                            .next()
                            .getOffsetDateTime("failing_since")
                            .toInstant();
                    return tx.preparedQuery(PENDING)
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
                                            rows.iterator()
                                                    .next()
                                                    .getLong("pending")
                                                    .intValue())))
                            .replaceWith(true);
                }));
    }

    /** A push went through: the outage, if any, is over (a later one is reported again). */
    Uni<Void> syncRecovered(String channelId) {
        return pool.preparedQuery("update channel_sync_state set failing_since = null, reported_at = null,"
                        + " last_error = null where channel_id = $1 and failing_since is not null")
                .execute(Tuple.of(channelId))
                .replaceWithVoid();
    }
}

package dev.shelfsync.gateway.listing;

import dev.shelfsync.gateway.push.SkuListingsLock;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Listing mappings. A new or changed mapping starts from the SKU's latest known availability, read under the SKU's
 * {@link SkuListingsLock} so that a change being applied at the same moment is either seen here or sees the mapping.
 */
@ApplicationScoped
public class ListingRepository {

    private static final String COLUMNS = "channel_id, listing_id, sku, pack_size, inventory_item_id,"
            + " desired_quantity, desired_version, pushed_quantity, pushed_version, pushed_at, push_error";
    // floor(available / pack) is integer division of non-negative numbers; a changed SKU or pack forces a repush.
    private static final String UPSERT = "insert into listing_mapping (channel_id, listing_id, sku, pack_size,"
            + " inventory_item_id, desired_quantity, desired_version)"
            + " select $1, $2, $3, $4, $5,"
            + " greatest(0, coalesce((a.channels ->> $1)::int, a.default_available)) / $4, a.version"
            + " from (select 1) one left join sku_availability a on a.sku = $3"
            + " on conflict (channel_id, listing_id) do update set sku = excluded.sku, pack_size = excluded.pack_size,"
            + " inventory_item_id = excluded.inventory_item_id, desired_quantity = excluded.desired_quantity,"
            + " desired_version = excluded.desired_version,"
            + " pushed_version = case when listing_mapping.sku = excluded.sku"
            + " and listing_mapping.pack_size = excluded.pack_size then listing_mapping.pushed_version end"
            + " returning " + COLUMNS;

    private final Pool pool;

    public ListingRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<ListingView> upsert(String channelId, String listingId, ListingRequest request) {
        return pool.withTransaction(tx -> SkuListingsLock.hold(tx, request.sku())
                .flatMap(locked -> tx.preparedQuery(UPSERT)
                        .execute(Tuple.of(
                                channelId,
                                listingId,
                                request.sku(),
                                request.packSize() == null ? 1 : request.packSize(),
                                request.inventoryItemId())))
                .map(rows -> map(rows.iterator().next())));
    }

    /** Upserts many mappings in one transaction: all rows or none. */
    public Uni<Integer> upsertAll(String channelId, java.util.List<ListingImport.Row> rows) {
        List<Tuple> batch = new ArrayList<>();
        rows.forEach(row ->
                batch.add(Tuple.of(channelId, row.listingId(), row.sku(), row.packSize(), row.inventoryItemId())));
        List<String> skus = rows.stream().map(ListingImport.Row::sku).toList();
        return pool.withTransaction(tx -> SkuListingsLock.holdAll(tx, skus)
                        .flatMap(locked -> tx.preparedQuery(UPSERT).executeBatch(batch)))
                .replaceWith(rows.size());
    }

    public Uni<ListingView> find(String channelId, String listingId) {
        return pool.preparedQuery(
                        "select " + COLUMNS + " from listing_mapping where channel_id = $1 and listing_id = $2")
                .execute(Tuple.of(channelId, listingId))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    public Uni<List<ListingView>> list(String channelId, int limit, int offset) {
        return pool.preparedQuery("select " + COLUMNS
                        + " from listing_mapping where channel_id = $1 order by listing_id limit $2 offset $3")
                .execute(Tuple.of(channelId, limit, offset))
                .map(rows -> {
                    List<ListingView> views = new ArrayList<>();
                    rows.forEach(row -> views.add(map(row)));
                    return views;
                });
    }

    public Uni<Boolean> delete(String channelId, String listingId) {
        return pool.preparedQuery("delete from listing_mapping where channel_id = $1 and listing_id = $2")
                .execute(Tuple.of(channelId, listingId))
                .map(result -> result.rowCount() == 1);
    }

    static ListingView map(Row row) {
        return new ListingView(
                row.getString("channel_id"),
                row.getString("listing_id"),
                row.getString("sku"),
                row.getInteger("pack_size"),
                row.getString("inventory_item_id"),
                row.getInteger("desired_quantity"),
                row.getLong("desired_version"),
                row.getInteger("pushed_quantity"),
                row.getLong("pushed_version"),
                row.getOffsetDateTime("pushed_at"),
                row.getString("push_error"));
    }
}

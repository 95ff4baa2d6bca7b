package dev.shelfsync.inventory.policy;

import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets and removes a channel's fence on one SKU. Each change holds the SKU lock, the one every reservation of the
 * SKU takes first, so the room check and the new fence see the same stock; it republishes the SKU's availability
 * (and its bundles') in the same transaction.
 */
@ApplicationScoped
public class FenceService {

    private static final String UPSERT =
            """
            insert into sku_channel_fence (sku, channel_id, ring_fenced) values ($1, $2, $3)
            on conflict (sku, channel_id) do update set ring_fenced = excluded.ring_fenced
            """;
    private static final String FENCES =
            """
            select sku, channel_id, f.ring_fenced as own, e.ring_fenced as effective, e.channel_default
              from sku_channel_fence f join effective_fence e using (sku, channel_id)
             where sku = $1 and ($2::text is null or channel_id = $2) order by channel_id
            """;

    private final StockService stock;
    private final StockWriter writer;
    private final FenceRoom room;
    private final AvailabilityOutbox availability;

    public FenceService(StockService stock, StockWriter writer, FenceRoom room, AvailabilityOutbox availability) {
        this.stock = stock;
        this.writer = writer;
        this.room = room;
        this.availability = availability;
    }

    /** @param units null: the channel's default */
    public Uni<FenceView> set(String sku, String channelId, Integer units) {
        return stock.transaction(tx -> StockWriter.lockExisting(tx, sku)
                .flatMap(locked -> effective(tx, channelId, units))
                .flatMap(effective -> room.require(tx, channelId, List.of(sku), effective))
                .flatMap(fits -> tx.preparedQuery(UPSERT)
                        .execute(Tuple.tuple()
                                .addString(sku)
                                .addString(channelId)
                                .addInteger(units)))
                .flatMap(saved -> availability.publish(tx, List.of(sku), "fence:" + channelId))
                .flatMap(published -> fences(tx, sku, channelId))
                .map(fences -> fences.get(0)));
    }

    /** The channel no longer keeps units of the SKU; true when it had a fence on it. */
    public Uni<Boolean> remove(String sku, String channelId) {
        return stock.transaction(tx -> StockWriter.lockExisting(tx, sku)
                .flatMap(locked -> tx.preparedQuery("delete from sku_channel_fence where sku = $1 and channel_id = $2")
                        .execute(Tuple.of(sku, channelId)))
                .flatMap(deleted -> deleted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : availability
                                .publish(tx, List.of(sku), "fence:" + channelId)
                                .replaceWith(true)));
    }

    /** @param channelId null for every channel with a fence on the SKU */
    public Uni<List<FenceView>> fences(SqlConnection connection, String sku, String channelId) {
        return connection
                .preparedQuery(FENCES)
                .execute(Tuple.of(sku, channelId))
                .map(rows -> {
                    List<FenceView> fences = new ArrayList<>();
                    for (Row row : rows) {
                        fences.add(new FenceView(
                                row.getString("sku"),
                                row.getString("channel_id"),
                                row.getInteger("own"),
                                row.getInteger("effective"),
                                row.getBoolean("channel_default")));
                    }
                    return fences;
                });
    }

    private static Uni<Integer> effective(SqlConnection tx, String channelId, Integer units) {
        if (units != null) {
            return Uni.createFrom().item(units);
        }
        return tx.preparedQuery("select ring_fenced from channel_policy where channel_id = $1")
                .execute(Tuple.of(channelId))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("ring_fenced"));
    }
}

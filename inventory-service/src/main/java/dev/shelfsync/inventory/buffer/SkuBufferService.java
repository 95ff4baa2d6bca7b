package dev.shelfsync.inventory.buffer;

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
 * Sets and removes an SKU's own buffer on a channel under the SKU lock, and republishes the SKU's availability in
 * the same transaction, as every other change of what a channel may show does.
 */
@ApplicationScoped
public class SkuBufferService {

    private static final String UPSERT =
            """
            insert into sku_channel_buffer (sku, channel_id, buffer_mode, safety_stock) values ($1, $2, $3, $4)
            on conflict (sku, channel_id) do update set buffer_mode = excluded.buffer_mode,
                safety_stock = excluded.safety_stock
            returning sku, channel_id, buffer_mode, safety_stock
            """;

    private final StockService stock;
    private final AvailabilityOutbox availability;

    public SkuBufferService(StockService stock, AvailabilityOutbox availability) {
        this.stock = stock;
        this.availability = availability;
    }

    public Uni<SkuBufferView> set(String sku, String channelId, SkuBufferRequest request) {
        int units = request.safetyStock() == null ? 0 : request.safetyStock();
        return stock.transaction(tx -> StockWriter.lockExisting(tx, sku)
                .flatMap(locked ->
                        tx.preparedQuery(UPSERT).execute(Tuple.of(sku, channelId, request.bufferMode(), units)))
                .flatMap(rows -> availability
                        .publish(tx, List.of(sku), "buffer:" + channelId)
                        .replaceWith(view(rows.iterator().next()))));
    }

    /** True when the SKU had a buffer of its own on the channel; it takes the policy's again. */
    public Uni<Boolean> remove(String sku, String channelId) {
        return stock.transaction(tx -> StockWriter.lockExisting(tx, sku)
                .flatMap(locked -> tx.preparedQuery("delete from sku_channel_buffer where sku = $1 and channel_id = $2")
                        .execute(Tuple.of(sku, channelId)))
                .flatMap(deleted -> deleted.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : availability
                                .publish(tx, List.of(sku), "buffer:" + channelId)
                                .replaceWith(true)));
    }

    public Uni<List<SkuBufferView>> list(SqlConnection connection, String sku) {
        return connection
                .preparedQuery("select * from sku_channel_buffer where sku = $1 order by channel_id")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    List<SkuBufferView> buffers = new ArrayList<>();
                    rows.forEach(row -> buffers.add(view(row)));
                    return buffers;
                });
    }

    private static SkuBufferView view(Row row) {
        return new SkuBufferView(
                row.getString("sku"),
                row.getString("channel_id"),
                row.getString("buffer_mode"),
                row.getInteger("safety_stock"));
    }
}

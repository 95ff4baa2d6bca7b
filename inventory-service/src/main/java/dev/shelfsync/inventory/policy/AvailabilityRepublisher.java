package dev.shelfsync.inventory.policy;

import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * After a policy change, publishes fresh availability for every SKU, a chunk per transaction, so channels show
 * the new numbers at once and no transaction holds many SKU locks for long.
 */
@ApplicationScoped
public class AvailabilityRepublisher {

    private static final int CHUNK = 200;

    private final Pool pool;
    private final StockService stock;
    private final StockWriter writer;
    private final AvailabilityOutbox availability;

    public AvailabilityRepublisher(Pool pool, StockService stock, StockWriter writer, AvailabilityOutbox availability) {
        this.pool = pool;
        this.stock = stock;
        this.writer = writer;
        this.availability = availability;
    }

    /** @return how many SKUs were republished */
    public Uni<Integer> republishAll(String reason) {
        return republishFrom("", reason, 0);
    }

    /** Publishes fresh availability of these SKUs in one transaction; none is a no-op. */
    public Uni<Integer> republish(List<String> skus, String reason) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> sorted = skus.stream().distinct().sorted().toList();
        return stock.transaction(
                        tx -> writer.lockSkus(tx, sorted).flatMap(locked -> availability.publish(tx, sorted, reason)))
                .replaceWith(sorted.size());
    }

    private Uni<Integer> republishFrom(String afterSku, String reason, int done) {
        return pool.preparedQuery("select sku from sku where sku > $1 and not exists"
                        + " (select 1 from bundle_component b where b.bundle_sku = sku.sku) order by sku limit "
                        + CHUNK)
                .execute(Tuple.of(afterSku))
                .flatMap(rows -> {
                    List<String> chunk = new ArrayList<>();
                    for (Row row : rows) {
                        chunk.add(row.getString("sku"));
                    }
                    if (chunk.isEmpty()) {
                        return Uni.createFrom().item(done);
                    }
                    return stock.transaction(tx -> writer.lockSkus(tx, chunk)
                                    .flatMap(locked -> availability.publish(tx, chunk, reason)))
                            .flatMap(published -> chunk.size() < CHUNK
                                    ? Uni.createFrom().item(done + chunk.size())
                                    : republishFrom(chunk.get(chunk.size() - 1), reason, done + chunk.size()));
                });
    }
}

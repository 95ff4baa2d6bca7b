package dev.shelfsync.alerting.reorder;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Units sold per order line and location, the source of sales velocity. A line routed and later shipped from the
 * same location counts once.
 */
@ApplicationScoped
public class SalesLedger {

    private static final String RECORD =
            "insert into sale (order_id, line_id, location_id, sku, channel_id, quantity, sold_at)"
                    + " values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing";

    /** One sold line. */
    public record Sale(String orderId, String lineId, String locationId, String sku, String channelId, int quantity) {}

    public Uni<Void> record(SqlConnection tx, Sale sale, Instant soldAt) {
        if (sale.quantity() <= 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] {
                    sale.orderId(),
                    sale.lineId(),
                    sale.locationId() == null ? "" : sale.locationId(),
                    sale.sku(),
                    sale.channelId(),
                    sale.quantity(),
                    soldAt.atOffset(ZoneOffset.UTC)
                }))
                .replaceWithVoid();
    }
}

package dev.shelfsync.alerting.stock;

import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What alerting currently believes about an SKU's stock (its read model), for operators checking a rule. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/stock-positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionResource {

    /** The SKU's totals and its positions per location. */
    public record SkuPosition(String sku, long sellable, long inbound, List<LocationPosition> locations) {}

    /** One location's numbers as of the last stock-changed event applied. */
    public record LocationPosition(String locationId, int sellable, int inbound, OffsetDateTime asOf) {}

    private final Pool pool;

    public PositionResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/{sku}")
    public Uni<SkuPosition> get(@PathParam("sku") String sku) {
        return pool.preparedQuery("select location_id, sellable, inbound, as_of from stock_position where sku = $1"
                        + " order by location_id")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    List<LocationPosition> locations = new ArrayList<>();
                    long sellable = 0;
                    long inbound = 0;
                    for (Row row : rows) {
                        LocationPosition position = new LocationPosition(
                                row.getString("location_id"),
                                row.getInteger("sellable"),
                                row.getInteger("inbound"),
                                row.getOffsetDateTime("as_of"));
                        sellable += position.sellable();
                        inbound += position.inbound();
                        locations.add(position);
                    }
                    return new SkuPosition(sku, sellable, inbound, locations);
                });
    }
}

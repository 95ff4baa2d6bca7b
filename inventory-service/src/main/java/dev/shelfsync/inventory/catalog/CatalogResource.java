package dev.shelfsync.inventory.catalog;

import dev.shelfsync.inventory.error.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Arrays;
import java.util.List;

/** The master list of SKUs and the locations stock is kept at. */
@Path("/")
public class CatalogResource {

    /** Identifiers are short and URL-safe, so they can travel in paths, routing keys and CSV files. */
    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Pool pool;

    public CatalogResource(Pool pool) {
        this.pool = pool;
    }

    @PUT
    @Path("skus/{sku}")
    public Uni<SkuView> putSku(@PathParam("sku") @Pattern(regexp = ID) String sku, @Valid @NotNull SkuRequest request) {
        return pool.preparedQuery(
                        """
                        insert into sku (sku, name, barcode, status) values ($1, $2, $3, coalesce($4, 'active'))
                        on conflict (sku) do update set name = excluded.name, barcode = excluded.barcode,
                                                        status = excluded.status
                        returning sku, name, barcode, status, availability_version
                        """)
                .execute(Tuple.of(sku, request.name(), request.barcode(), request.status()))
                .map(rows -> skuView(rows.iterator().next()));
    }

    @GET
    @Path("skus/{sku}")
    public Uni<SkuView> getSku(@PathParam("sku") String sku) {
        return pool.preparedQuery("select sku, name, barcode, status, availability_version from sku where sku = $1")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundProblem("SKU " + sku + " does not exist.");
                    }
                    return skuView(rows.iterator().next());
                });
    }

    @PUT
    @Path("locations/{id}")
    public Uni<LocationView> putLocation(
            @PathParam("id") @Pattern(regexp = ID) String id, @Valid @NotNull LocationRequest request) {
        List<String> serves = request.servesChannels() == null ? List.of() : request.servesChannels();
        return pool.preparedQuery(
                        """
                        insert into location (id, name, kind, latitude, longitude, active, serves_channels)
                        values ($1, $2, $3, $4, $5, coalesce($6, true), $7)
                        on conflict (id) do update set name = excluded.name, kind = excluded.kind,
                            latitude = excluded.latitude, longitude = excluded.longitude, active = excluded.active,
                            serves_channels = excluded.serves_channels
                        returning id, name, kind, latitude, longitude, active, serves_channels
                        """)
                .execute(Tuple.tuple()
                        .addString(id)
                        .addString(request.name())
                        .addString(request.kind())
                        .addBigDecimal(request.latitude())
                        .addBigDecimal(request.longitude())
                        .addBoolean(request.active())
                        .addArrayOfString(serves.toArray(new String[0])))
                .map(rows -> locationView(rows.iterator().next()));
    }

    @GET
    @Path("locations")
    public Uni<List<LocationView>> locations() {
        return pool.query(
                        "select id, name, kind, latitude, longitude, active, serves_channels from location order by id")
                .execute()
                .map(rows -> {
                    java.util.ArrayList<LocationView> views = new java.util.ArrayList<>();
                    rows.forEach(row -> views.add(locationView(row)));
                    return views;
                });
    }

    private static SkuView skuView(Row row) {
        return new SkuView(
                row.getString("sku"),
                row.getString("name"),
                row.getString("barcode"),
                row.getString("status"),
                row.getLong("availability_version"));
    }

    private static LocationView locationView(Row row) {
        return new LocationView(
                row.getString("id"),
                row.getString("name"),
                row.getString("kind"),
                row.getBigDecimal("latitude"),
                row.getBigDecimal("longitude"),
                row.getBoolean("active"),
                Arrays.asList(row.getArrayOfStrings("serves_channels")));
    }
}

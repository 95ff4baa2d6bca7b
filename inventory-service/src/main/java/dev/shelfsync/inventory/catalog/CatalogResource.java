package dev.shelfsync.inventory.catalog;

import dev.shelfsync.platform.persistence.CreatingPut;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Arrays;
import java.util.List;

/** The master list of SKUs (Hibernate Reactive) and the locations stock is kept at. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/")
public class CatalogResource {

    /** Identifiers are short and URL-safe, so they can travel in paths, routing keys and CSV files. */
    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Pool pool;
    private final SkuRepository skus;
    private final Skus writes;

    public CatalogResource(Pool pool, SkuRepository skus, Skus writes) {
        this.pool = pool;
        this.skus = skus;
        this.writes = writes;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("skus/{sku}")
    public Uni<SkuView> putSku(@PathParam("sku") @Pattern(regexp = ID) String sku, @Valid @NotNull SkuRequest request) {
        return CreatingPut.retryingARaceToCreate(() -> writes.put(sku, request));
    }

    @GET
    @Path("skus/{sku}")
    @WithSession
    public Uni<SkuView> getSku(@PathParam("sku") String sku) {
        return skus.findById(sku).map(found -> {
            if (found == null) {
                throw new NotFoundProblem("SKU " + sku + " does not exist.");
            }
            return found.view();
        });
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
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

package dev.shelfsync.inventory.bundle;

import dev.shelfsync.inventory.availability.AvailabilityOutbox;
import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;

/**
 * Defines bundles. A bundle holds no stock of its own: its availability is the minimum over its components, and
 * reserving it reserves the components at one location. Bundles do not nest.
 */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
@Path("/bundles")
public class BundleResource {

    private final Pool pool;
    private final AvailabilityOutbox availability;

    public BundleResource(Pool pool, AvailabilityOutbox availability) {
        this.pool = pool;
        this.availability = availability;
    }

    @PUT
    @Path("{sku}")
    public Uni<BundleRequest> put(@PathParam("sku") String bundleSku, @Valid @NotNull BundleRequest request) {
        List<Tuple> rows = request.components().stream()
                .map(component -> Tuple.of(bundleSku, component.sku(), component.quantity()))
                .toList();
        return pool.withTransaction(tx -> tx.preparedQuery(
                                """
                                select count(*) from (
                                    select 1 from bundle_component where component_sku = $1
                                    union all select 1 from bundle_component where bundle_sku = any($2)
                                    union all select 1 from stock_level where sku = $1) nested
                                """)
                        .execute(Tuple.of(
                                bundleSku,
                                request.components().stream()
                                        .map(BundleRequest.Component::sku)
                                        .toArray(String[]::new)))
                        .flatMap(check -> {
                            if (check.iterator().next().getLong(0) > 0) {
                                throw new ConflictProblem(
                                        "bundle-shape",
                                        "A bundle holds no stock itself and bundles do not nest.",
                                        Map.of("sku", bundleSku));
                            }
                            return tx.preparedQuery("delete from bundle_component where bundle_sku = $1")
                                    .execute(Tuple.of(bundleSku));
                        })
                        .flatMap(deleted -> tx.preparedQuery(
                                        "insert into bundle_component (bundle_sku, component_sku, quantity) values ($1, $2, $3)")
                                .executeBatch(rows))
                        .flatMap(inserted -> availability.publish(tx, List.of(bundleSku), "bundle:" + bundleSku)))
                .replaceWith(request);
    }
}

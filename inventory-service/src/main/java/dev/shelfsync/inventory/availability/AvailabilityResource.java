package dev.shelfsync.inventory.availability;

import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** What each channel may show for an SKU right now, with the version the last event carried. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/availability")
public class AvailabilityResource {

    private final Pool pool;
    private final AvailabilityReader reader;

    public AvailabilityResource(Pool pool, AvailabilityReader reader) {
        this.pool = pool;
        this.reader = reader;
    }

    @GET
    @Path("{sku}")
    public Uni<AvailabilityChanged> bySku(@PathParam("sku") String sku) {
        return pool.withTransaction(tx -> tx.preparedQuery("select availability_version from sku where sku = $1")
                .execute(Tuple.of(sku))
                .flatMap(versions -> {
                    if (versions.size() == 0) {
                        throw new NotFoundProblem("SKU " + sku + " does not exist.");
                    }
                    return reader.read(tx, sku, versions.iterator().next().getLong(0));
                }));
    }
}

package dev.shelfsync.inventory.availability;

import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Why a channel is shown what it is shown for an SKU, term by term, for the people who have to answer for it. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
@Path("/skus/{sku}/explanation")
public class ExplanationResource {

    // Every change of availability bumps the version in its own transaction, so one snapshot holds a version and
    // exactly the stock and policies its event was computed from.
    private static final String SNAPSHOT = "set transaction isolation level repeatable read, read only";

    private final Pool pool;
    private final AvailabilityReader reader;

    public ExplanationResource(Pool pool, AvailabilityReader reader) {
        this.pool = pool;
        this.reader = reader;
    }

    @GET
    @Operation(
            summary = "How a channel's availability of an SKU is made up",
            description = "Per location the stock states and sellable units, the fences other channels hold on this"
                    + " SKU (each its units, whether they are the channel's default, what its own reservations"
                    + " took and what is left) and the channel's own fence on it, the buffer, share and cap, and the"
                    + " resulting quantity with the availability version it was published with.")
    @APIResponse(responseCode = "200", description = "The explanation")
    @APIResponse(responseCode = "404", description = "Unknown SKU (application/problem+json)")
    public Uni<AvailabilityExplanation> explain(
            @PathParam("sku") String sku,
            @QueryParam("channel") @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String channelId) {
        return pool.withTransaction(tx -> tx.query(SNAPSHOT)
                .execute()
                .flatMap(ignored -> tx.preparedQuery("select availability_version from sku where sku = $1")
                        .execute(Tuple.of(sku)))
                .flatMap(versions -> {
                    if (versions.size() == 0) {
                        throw new NotFoundProblem("SKU " + sku + " does not exist.");
                    }
                    return reader.explain(tx, sku, versions.iterator().next().getLong(0), channelId);
                }));
    }
}

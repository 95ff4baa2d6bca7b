package dev.shelfsync.inventory.rebalance;

import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Moves of units between channels' fences on an SKU: merchant-ops' and the rebalancer's, oldest first. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
@Path("/skus/{sku}/rebalances")
public class RebalanceResource {

    private final Pool pool;
    private final RebalanceService rebalances;
    private final JsonWebToken token;

    public RebalanceResource(Pool pool, RebalanceService rebalances, JsonWebToken token) {
        this.pool = pool;
        this.rebalances = rebalances;
        this.token = token;
    }

    @POST
    @Operation(
            summary = "Move units of an SKU from one channel's fence to another's",
            description = "Lowers the giver's fence at once and republishes; the units are shown to nobody until the"
                    + " giver's store acknowledged the lower number, then the receiver's fence is raised by those the"
                    + " giver did not sell meanwhile.")
    @APIResponse(responseCode = "201", description = "The move, state lowering")
    @APIResponse(responseCode = "400", description = "A missing or out-of-range field (application/problem+json)")
    @APIResponse(
            responseCode = "404",
            description = "Unknown SKU, or a channel without a fence on it (application/problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "rebalance-exceeds-fence (more than the giver holds), rebalance-in-progress, same-channel"
                    + " (application/problem+json); nothing changed")
    public Uni<Response> request(@PathParam("sku") String sku, @Valid @NotNull RebalanceRequest request) {
        return rebalances.request(sku, request, Caller.of(token).name()).map(rebalance -> Response.created(
                        URI.create("/skus/" + sku + "/rebalances"))
                .entity(rebalance)
                .build());
    }

    @GET
    @Operation(summary = "Every move between fences on an SKU, oldest first")
    @APIResponse(responseCode = "200", description = "The moves (empty: none)")
    public Uni<List<Rebalance>> list(@PathParam("sku") String sku) {
        return pool.preparedQuery("select * from fence_rebalance where sku = $1 order by requested_at, id")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    List<Rebalance> moves = new ArrayList<>();
                    for (Row row : rows) {
                        moves.add(RebalanceService.row(row));
                    }
                    return moves;
                });
    }
}

package dev.shelfsync.inventory.policy;

import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Ring-fences per SKU and channel. A fence on an SKU is also how inventory learns that the channel sells it: a
 * channel's default fence fills only the SKUs it has a fence on, never the others.
 */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/skus/{sku}/channels")
public class FenceResource {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Pool pool;
    private final FenceService fences;

    public FenceResource(Pool pool, FenceService fences) {
        this.pool = pool;
        this.fences = fences;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}/fence")
    @Operation(
            summary = "Keep units of an SKU for one channel",
            description = "Sets the channel's ring-fence on the SKU (ringFenced null or omitted: the channel's"
                    + " default from its policy) and republishes the SKU's availability. Other channels neither see"
                    + " nor reserve the fenced units; SKUs the channel has no fence on are not affected.")
    @APIResponse(responseCode = "200", description = "The fence now kept")
    @APIResponse(responseCode = "400", description = "Negative or out-of-range ringFenced (application/problem+json)")
    @APIResponse(responseCode = "404", description = "Unknown SKU (application/problem+json)")
    @APIResponse(
            responseCode = "409",
            description = "fence-exceeds-sellable: larger than the SKU's sellable units at the channel's locations"
                    + " beyond the other channels' fences (application/problem+json); nothing changed")
    public Uni<FenceView> put(
            @PathParam("sku") String sku,
            @PathParam("channelId") @Pattern(regexp = ID) String channelId,
            @Valid @NotNull FenceRequest request) {
        return fences.set(sku, channelId, request.ringFenced());
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}/fence")
    @Operation(summary = "Stop keeping units of an SKU for a channel")
    @APIResponse(responseCode = "204", description = "Removed; the SKU's availability is republished")
    @APIResponse(responseCode = "404", description = "No such fence (application/problem+json)")
    public Uni<Void> delete(
            @PathParam("sku") String sku, @PathParam("channelId") @Pattern(regexp = ID) String channelId) {
        return fences.remove(sku, channelId).map(removed -> {
            if (!removed) {
                throw new NotFoundProblem("Channel " + channelId + " has no fence on " + sku + ".");
            }
            return null;
        });
    }

    @GET
    @Operation(summary = "The channels with a fence on an SKU, and what each keeps")
    @APIResponse(responseCode = "200", description = "The fences, in channel order (empty: no channel keeps any)")
    public Uni<List<FenceView>> list(@PathParam("sku") String sku) {
        return pool.withConnection(connection -> fences.fences(connection, sku, null));
    }
}

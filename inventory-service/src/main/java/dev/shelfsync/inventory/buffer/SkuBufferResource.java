package dev.shelfsync.inventory.buffer;

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

/** An SKU's own safety buffer per channel, overriding the channel policy's buffer for that SKU. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/skus/{sku}/buffers")
public class SkuBufferResource {

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Pool pool;
    private final SkuBufferService buffers;

    public SkuBufferResource(Pool pool, SkuBufferService buffers) {
        this.pool = pool;
        this.buffers = buffers;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}")
    @Operation(
            summary = "Give an SKU its own buffer on a channel",
            description = "fixed: hold back safetyStock units of the SKU on the channel; auto: the units the other"
                    + " channels sell of it during the channel's sync lag, at least safetyStock. Replaces the channel"
                    + " policy's buffer for this SKU only and republishes the SKU's availability.")
    @APIResponse(responseCode = "200", description = "The buffer stored")
    @APIResponse(
            responseCode = "400",
            description = "bufferMode missing or not fixed/auto, or a negative safetyStock (application/problem+json);"
                    + " nothing stored")
    @APIResponse(responseCode = "404", description = "Unknown SKU (application/problem+json)")
    public Uni<SkuBufferView> put(
            @PathParam("sku") String sku,
            @PathParam("channelId") @Pattern(regexp = ID) String channelId,
            @Valid @NotNull SkuBufferRequest request) {
        return buffers.set(sku, channelId, request);
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("{channelId}")
    @Operation(summary = "The SKU takes the channel policy's buffer again")
    @APIResponse(responseCode = "204", description = "Removed; the SKU's availability is republished")
    @APIResponse(
            responseCode = "404",
            description = "The SKU has no buffer of its own there (application/problem+json)")
    public Uni<Void> delete(
            @PathParam("sku") String sku, @PathParam("channelId") @Pattern(regexp = ID) String channelId) {
        return buffers.remove(sku, channelId).map(removed -> {
            if (!removed) {
                throw new NotFoundProblem("SKU " + sku + " has no buffer of its own on channel " + channelId + ".");
            }
            return null;
        });
    }

    @GET
    @Operation(summary = "The SKU's own buffers, in channel order (empty: every channel's policy applies)")
    public Uni<List<SkuBufferView>> list(@PathParam("sku") String sku) {
        return pool.withConnection(connection -> buffers.list(connection, sku));
    }
}

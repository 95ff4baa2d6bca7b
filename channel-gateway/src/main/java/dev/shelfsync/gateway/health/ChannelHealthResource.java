package dev.shelfsync.gateway.health;

import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A channel's health for the people who run it: last push, lag, backlog, failures, rate-limit use, drift. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
@Path("/channels/{channelId}/health")
public class ChannelHealthResource {

    private final ChannelHealthQuery health;

    public ChannelHealthResource(ChannelHealthQuery health) {
        this.health = health;
    }

    @GET
    @Operation(
            summary = "How well the channel keeps its store in step",
            description = "The last acknowledged push and the latest refused one, the sync lag p99 this replica"
                    + " measured, the listings waiting for a push and the oldest one's wait, push failures, the"
                    + " rate limit and its recent use, and the reconciliation sweeps' drift found and repaired;"
                    + " state ok, behind or failing.")
    @APIResponse(responseCode = "200", description = "The channel's health")
    @APIResponse(responseCode = "404", description = "Unknown channel (application/problem+json)")
    public Uni<ChannelHealth> get(@PathParam("channelId") String channelId) {
        return health.of(channelId).map(found -> {
            if (found == null) {
                throw new NotFoundProblem("Channel " + channelId + " does not exist.");
            }
            return found;
        });
    }
}

package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.error.BadRequestProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The delivery log across alerts, e.g. every failed notification of a target. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final Pool pool;

    public DeliveryResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<DeliveryView>> list(
            @QueryParam("status") String status,
            @QueryParam("targetId") UUID targetId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new BadRequestProblem("status", "must be one of pending, delivered, failed");
        }
        return DeliveryView.filtered(pool, status, targetId, limit);
    }
}

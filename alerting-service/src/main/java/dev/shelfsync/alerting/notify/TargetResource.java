package dev.shelfsync.alerting.notify;

import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Manages notification targets. Secrets are write-only; deleting a target drops its pending deliveries. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/notification-targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private final NotificationTargets targets;

    public TargetResource(NotificationTargets targets) {
        this.targets = targets;
    }

    @GET
    public Uni<List<TargetView>> list() {
        return targets.list();
    }

    @GET
    @Path("/{id}")
    public Uni<TargetView> get(@PathParam("id") UUID id) {
        return targets.get(id);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    public Uni<Response> create(@Valid @NotNull TargetRequest request) {
        return targets.create(request).flatMap(targets::get).map(view -> Response.created(
                        URI.create("/notification-targets/" + view.id()))
                .entity(view)
                .build());
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<TargetView> update(@PathParam("id") UUID id, @Valid @NotNull TargetRequest request) {
        return targets.update(id, request).flatMap(targets::get);
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return targets.delete(id).map(done -> Response.noContent().build());
    }
}

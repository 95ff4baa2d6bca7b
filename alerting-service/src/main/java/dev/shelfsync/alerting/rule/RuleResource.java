package dev.shelfsync.alerting.rule;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Creates, lists, changes and deletes low-stock and reorder-point rules. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final AlertRules rules;

    public RuleResource(AlertRules rules) {
        this.rules = rules;
    }

    @GET
    public Uni<List<RuleView>> list(@QueryParam("sku") String sku) {
        return rules.list(sku);
    }

    @GET
    @Path("/{id}")
    public Uni<RuleView> get(@PathParam("id") UUID id) {
        return rules.get(id);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    public Uni<Response> create(@Valid @NotNull RuleRequest request) {
        return rules.create(request).map(view -> Response.created(URI.create("/rules/" + view.id()))
                .entity(view)
                .build());
    }

    /** Replaces a rule's settings; its hysteresis state is kept, so a change does not fire a second alert. */
    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<RuleView> update(@PathParam("id") UUID id, @Valid @NotNull RuleRequest request) {
        return rules.update(id, request);
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return rules.delete(id).map(done -> Response.noContent().build());
    }
}

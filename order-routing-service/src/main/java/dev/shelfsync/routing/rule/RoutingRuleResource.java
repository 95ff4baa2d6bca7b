package dev.shelfsync.routing.rule;

import dev.shelfsync.platform.persistence.CreatingPut;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import dev.shelfsync.routing.ranking.RoutingRule;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Per-channel routing rules: strategy, fixed priority list, and what to do with an order nobody can ship. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/routing-rules")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingRuleResource {

    private final RoutingRules rules;

    public RoutingRuleResource(RoutingRules rules) {
        this.rules = rules;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{channelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RoutingRule> put(
            @PathParam("channelId") @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a channel id")
                    String channelId,
            @Valid @NotNull RoutingRuleRequest request) {
        return CreatingPut.retryingARaceToCreate(() -> rules.put(channelId, request));
    }

    @GET
    @Path("/{channelId}")
    public Uni<RoutingRule> get(@PathParam("channelId") String channelId) {
        return rules.find(channelId)
                .map(found -> found.orElseThrow(() -> new NotFoundProblem("No routing rule for channel " + channelId)));
    }
}

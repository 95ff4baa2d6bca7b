package dev.shelfsync.routing.location;

import dev.shelfsync.platform.persistence.CreatingPut;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
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
import java.util.List;

/** Routing's own location data: coordinates, channel restrictions, daily capacity, cost and priority. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/locations")
@Produces(MediaType.APPLICATION_JSON)
public class LocationResource {

    static final String ID = "[A-Za-z0-9._-]{1,64}";

    private final Locations locations;

    public LocationResource(Locations locations) {
        this.locations = locations;
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<LocationView> put(
            @PathParam("id") @Pattern(regexp = ID, message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
            @Valid @NotNull LocationRequest request) {
        return CreatingPut.retryingARaceToCreate(() -> locations.put(id, request));
    }

    @GET
    @Path("/{id}")
    public Uni<LocationView> get(@PathParam("id") String id) {
        return locations
                .find(id)
                .map(found -> found.orElseThrow(() -> new NotFoundProblem("No routing data for location " + id)));
    }

    @GET
    public Uni<List<LocationView>> list() {
        return locations.list();
    }
}

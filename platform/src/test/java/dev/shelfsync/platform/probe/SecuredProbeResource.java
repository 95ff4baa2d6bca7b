package dev.shelfsync.platform.probe;

import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Endpoints guarded the way every service guards its own. */
@Path("/probe/secured")
public class SecuredProbeResource {

    private final JsonWebToken token;

    public SecuredProbeResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    public String whoAmI() {
        return Caller.of(token).name();
    }

    @POST
    @Path("/locations/{location}/counts")
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    public String count(@PathParam("location") String location) {
        Caller.of(token).requireWorksAt(location);
        return location;
    }
}

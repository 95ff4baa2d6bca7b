package dev.shelfsync.returns.inspection;

import dev.shelfsync.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** The inspection checklists a handheld shows, per product category. */
@Path("/checklists")
@RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN})
public class ChecklistResource {

    @GET
    public List<Checklists.Checklist> all() {
        return Checklists.all();
    }

    @GET
    @Path("{category}")
    public Checklists.Checklist byCategory(@PathParam("category") String category) {
        return Checklists.of(category);
    }
}

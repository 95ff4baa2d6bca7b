package dev.shelfsync.platform.probe;

import dev.shelfsync.platform.problem.NotFoundProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/** Endpoints that make the common problem mappers and the body limit answer, as a service's resources would. */
@Path("/probe")
public class ProbeResource {

    private static final Logger LOG = Logger.getLogger(ProbeResource.class);

    /** A request a service validates. */
    public record Order(@NotBlank String sku, @Positive int quantity) {}

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public String accept(@Valid Order order) {
        return order.sku();
    }

    @POST
    @Path("/raw")
    @Consumes(MediaType.WILDCARD)
    public String raw(byte[] body) {
        return Integer.toString(body.length);
    }

    @GET
    @Path("/things/{id}")
    public String thing(@PathParam("id") String id) {
        LOG.infof("looking for a thing that does not exist");
        throw new NotFoundProblem("No thing " + id + ".");
    }
}

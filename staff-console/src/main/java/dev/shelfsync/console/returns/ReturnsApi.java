package dev.shelfsync.console.returns;

import dev.shelfsync.console.api.BearerForwarding;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The returns-service calls of the returns station (docs/returns-service.md). */
@RegisterRestClient(configKey = "returns")
@RegisterClientHeaders(BearerForwarding.class)
public interface ReturnsApi {

    @GET
    @Path("/returns/{id}")
    Response rma(@PathParam("id") String id);

    @GET
    @Path("/returns")
    Response list(@QueryParam("status") String status, @QueryParam("limit") int limit);

    @POST
    @Path("/returns/{id}/receipts")
    Response receive(@PathParam("id") String id, Map<String, Object> scan);

    @GET
    @Path("/checklists")
    Response checklists();

    @POST
    @Path("/returns/{id}/inspections")
    Response inspect(@PathParam("id") String id, Map<String, Object> inspection);

    @POST
    @Path("/returns/{id}/dispositions")
    Response dispose(@PathParam("id") String id, Map<String, Object> disposition);
}

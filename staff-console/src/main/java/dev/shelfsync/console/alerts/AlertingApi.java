package dev.shelfsync.console.alerts;

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

/** The alerting-service calls of the alerts screen (docs/alerting-service.md). */
@RegisterRestClient(configKey = "alerting")
@RegisterClientHeaders(BearerForwarding.class)
public interface AlertingApi {

    @GET
    @Path("/alerts")
    Response alerts(@QueryParam("state") String state, @QueryParam("limit") int limit);

    @GET
    @Path("/reorder-suggestions")
    Response reorderSuggestions();

    @POST
    @Path("/alerts/{id}/acknowledge")
    Response acknowledge(@PathParam("id") String id, Map<String, Object> by);
}

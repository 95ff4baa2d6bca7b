package dev.shelfsync.console.channels;

import dev.shelfsync.console.api.BearerForwarding;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The channel-gateway calls of the stock and channels screens (docs/channel-gateway.md). */
@RegisterRestClient(configKey = "gateway")
@RegisterClientHeaders(BearerForwarding.class)
public interface GatewayApi {

    @GET
    @Path("/channels")
    Response channels();

    @GET
    @Path("/channels/{id}/listings")
    Response listings(@PathParam("id") String channelId, @QueryParam("limit") int limit);

    @GET
    @Path("/channels/{id}/listings/{sku}/explanation")
    Response explanation(@PathParam("id") String channelId, @PathParam("sku") String sku);

    @GET
    @Path("/channels/{id}/health")
    Response health(@PathParam("id") String channelId);

    @POST
    @Path("/channels/{id}/listings/import")
    @Consumes("text/csv")
    Response importListings(@PathParam("id") String channelId, String csv);
}

package dev.shelfsync.console.stock;

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

/** The inventory-service calls of the stock screen (docs/inventory-service.md). */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(BearerForwarding.class)
public interface InventoryApi {

    @GET
    @Path("/stock/{sku}")
    Response stock(@PathParam("sku") String sku);

    @GET
    @Path("/ledger")
    Response ledger(
            @QueryParam("sku") String sku,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("limit") int limit);

    @GET
    @Path("/skus/{sku}/explanation")
    Response explanation(@PathParam("sku") String sku, @QueryParam("channel") String channelId);

    @POST
    @Path("/stock/adjustments")
    Response adjust(Map<String, Object> adjustment);

    @POST
    @Path("/stock/counts")
    Response count(Map<String, Object> count);

    @POST
    @Path("/transfers")
    Response dispatch(Map<String, Object> transfer);

    @POST
    @Path("/transfers/{id}/receive")
    Response receive(@PathParam("id") String transferId);
}

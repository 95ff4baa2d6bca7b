package dev.shelfsync.routing.order;

import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Orders as routing follows them, shipment confirmations from warehouses and 3PLs, and deliveries. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderLookup orders;
    private final Shipments shipments;

    public OrderResource(OrderLookup orders, Shipments shipments) {
        this.orders = orders;
        this.shipments = shipments;
    }

    @GET
    @Path("/{orderId}")
    public Uni<OrderView> get(@PathParam("orderId") String orderId) {
        return orders.find(orderId);
    }

    /** Looks an order up by the channel's own id. */
    @GET
    public Uni<OrderView> byExternalId(
            @QueryParam("channelId") @NotBlank String channelId,
            @QueryParam("externalOrderId") @NotBlank String externalOrderId) {
        return orders.findByExternal(channelId, externalOrderId);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
    @Path("/{orderId}/shipments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> ship(@PathParam("orderId") String orderId, @Valid @NotNull ShipmentRequest request) {
        return shipments.ship(orderId, request).map(view -> Response.created(URI.create("/orders/" + orderId))
                .entity(view)
                .build());
    }

    /** A shipment (or every shipment) reached the customer; the order is delivered when everything did. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
    @Path("/{orderId}/deliveries")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderView> deliver(@PathParam("orderId") String orderId, @Valid @NotNull DeliveryRequest request) {
        return shipments.deliver(orderId, request);
    }
}

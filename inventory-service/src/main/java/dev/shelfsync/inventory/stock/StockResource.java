package dev.shelfsync.inventory.stock;

import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.ForbiddenLocationProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Stock per SKU and location, and adjustments to it. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/stock")
public class StockResource {

    private final StockService stock;
    private final JsonWebToken token;

    public StockResource(StockService stock, JsonWebToken token) {
        this.stock = stock;
        this.token = token;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("adjustments")
    public Uni<StockView> adjust(@Valid @NotNull AdjustmentRequest request) {
        Caller.of(token).requireWorksAt(request.locationId());
        return stock.adjust(request).map(StockView::of);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("counts")
    public Uni<StockView> count(@Valid @NotNull CountRequest request) {
        Caller.of(token).requireWorksAt(request.locationId());
        return stock.count(request).map(StockView::of);
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("write-offs")
    public Uni<StockView> writeOff(@Valid @NotNull WriteOffRequest request) {
        Caller.of(token).requireWorksAt(request.locationId());
        return stock.writeOff(request).map(StockView::of);
    }

    /** Stock rows filtered by location and sellable ceiling, in SKU order; page with {@code afterSku}. */
    @GET
    public Uni<List<StockView>> list(
            @QueryParam("locationId") @Size(max = 64) String locationId,
            @QueryParam("maxSellable") @Min(0) Integer maxSellable,
            @QueryParam("afterSku") @Size(max = 64) String afterSku,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Caller caller = Caller.of(token);
        if (!caller.allLocations() && locationId == null) {
            throw new ForbiddenLocationProblem(caller.name(), "(all locations): name one of yours with locationId");
        }
        if (locationId != null) {
            caller.requireWorksAt(locationId);
        }
        return stock.list(locationId, maxSellable, afterSku, limit)
                .map(levels -> levels.stream().map(StockView::of).toList());
    }

    @GET
    @Path("{sku}")
    public Uni<List<StockView>> bySku(@PathParam("sku") String sku) {
        return stock.bySku(sku).map(levels -> levels.stream().map(StockView::of).toList());
    }
}

package dev.shelfsync.inventory.stock;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;

/** Stock per SKU and location, and adjustments to it. */
@Path("/stock")
public class StockResource {

    private final StockService stock;

    public StockResource(StockService stock) {
        this.stock = stock;
    }

    @POST
    @Path("adjustments")
    public Uni<StockView> adjust(@Valid @NotNull AdjustmentRequest request) {
        return stock.adjust(request).map(StockView::of);
    }

    @POST
    @Path("counts")
    public Uni<StockView> count(@Valid @NotNull CountRequest request) {
        return stock.count(request).map(StockView::of);
    }

    @POST
    @Path("write-offs")
    public Uni<StockView> writeOff(@Valid @NotNull WriteOffRequest request) {
        return stock.writeOff(request).map(StockView::of);
    }

    @GET
    @Path("{sku}")
    public Uni<List<StockView>> bySku(@PathParam("sku") String sku) {
        return stock.bySku(sku).map(levels -> levels.stream().map(StockView::of).toList());
    }
}

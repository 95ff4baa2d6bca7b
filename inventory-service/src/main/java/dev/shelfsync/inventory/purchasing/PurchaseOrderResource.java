package dev.shelfsync.inventory.purchasing;

import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.inventory.stock.StockWriter;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Purchase orders raise inbound stock; receipts against them move inbound to on_hand. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
@Path("/purchase-orders")
public class PurchaseOrderResource {

    private final StockService stock;
    private final StockWriter writer;
    private final JsonWebToken token;

    public PurchaseOrderResource(StockService stock, StockWriter writer, JsonWebToken token) {
        this.stock = stock;
        this.writer = writer;
        this.token = token;
    }

    @POST
    public Uni<Response> create(@Valid @NotNull PurchaseOrderRequest request) {
        String id = request.purchaseOrderId();
        return stock.transaction(tx -> tx.preparedQuery(
                                "insert into purchase_order (id, supplier, expected_at) values ($1, $2, $3)")
                        .execute(Tuple.of(id, request.supplier(), request.expectedAt()))
                        .flatMap(inserted -> ensureRows(tx, request.lines()))
                        .flatMap(rows -> tx.preparedQuery(
                                        "insert into purchase_order_line (purchase_order_id, sku, location_id, ordered)"
                                                + " values ($1, $2, $3, $4)")
                                .executeBatch(request.lines().stream()
                                        .map(line -> Tuple.of(id, line.sku(), line.locationId(), line.quantity()))
                                        .toList()))
                        .flatMap(lines -> stock.apply(
                                tx,
                                request.lines().stream()
                                        .map(line -> new StockChange(
                                                line.sku(),
                                                line.locationId(),
                                                0,
                                                0,
                                                0,
                                                0,
                                                line.quantity(),
                                                "purchase-order",
                                                "api",
                                                id))
                                        .toList())))
                .map(levels -> Response.created(URI.create("/purchase-orders/" + id))
                        .entity(request)
                        .build());
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("{id}/receipts")
    public Uni<Response> receive(@PathParam("id") String id, @Valid @NotNull ReceiptRequest request) {
        Caller caller = Caller.of(token);
        request.lines().forEach(line -> caller.requireWorksAt(line.locationId()));
        return stock.transaction(tx -> tx.preparedQuery(
                                "insert into purchase_order_receipt (receipt_id, purchase_order_id) values ($1, $2)"
                                        + " on conflict (receipt_id) do nothing")
                        .execute(Tuple.of(request.receiptId(), id))
                        .flatMap(recorded -> recorded.rowCount() == 0
                                ? Uni.createFrom().item(false)
                                : receiveLines(tx, id, request).replaceWith(true)))
                .map(applied -> Response.status(applied ? 201 : 200).build());
    }

    private Uni<Void> receiveLines(SqlConnection tx, String id, ReceiptRequest request) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PurchaseOrderRequest.Line line : request.lines()) {
            chain = chain.flatMap(ignored -> tx.preparedQuery(
                                    """
                                    update purchase_order_line set received = received + $4
                                     where purchase_order_id = $1 and sku = $2 and location_id = $3
                                       and received + $4 <= ordered
                                    """)
                            .execute(Tuple.of(id, line.sku(), line.locationId(), line.quantity())))
                    .invoke(updated -> {
                        if (updated.rowCount() == 0) {
                            throw new ConflictProblem(
                                    "over-receipt",
                                    "The purchase order has no such line, or the receipt exceeds what is still due.",
                                    Map.of("sku", line.sku(), "locationId", line.locationId()));
                        }
                    })
                    .replaceWithVoid();
        }
        return chain.flatMap(ignored -> stock.apply(
                        tx,
                        request.lines().stream()
                                .map(line -> new StockChange(
                                        line.sku(),
                                        line.locationId(),
                                        line.quantity(),
                                        0,
                                        0,
                                        0,
                                        -line.quantity(),
                                        "receipt",
                                        "api",
                                        id))
                                .toList()))
                .replaceWithVoid();
    }

    private Uni<Void> ensureRows(SqlConnection tx, List<PurchaseOrderRequest.Line> lines) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PurchaseOrderRequest.Line line : lines) {
            chain = chain.flatMap(ignored -> writer.ensureRow(tx, line.sku(), line.locationId()));
        }
        return chain;
    }
}

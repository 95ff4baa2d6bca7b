package dev.shelfsync.inventory.transfer;

import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.inventory.stock.StockChange;
import dev.shelfsync.inventory.stock.StockService;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Transfers between locations: dispatch takes sellable units out of the source's on_hand; receipt puts them into
 * the destination's on_hand. In transit they are sellable nowhere.
 */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/transfers")
public class TransferResource {

    private static final String SELECT = "select * from transfer where id = $1";

    private final Pool pool;
    private final StockService stock;
    private final JsonWebToken token;

    public TransferResource(Pool pool, StockService stock, JsonWebToken token) {
        this.pool = pool;
        this.stock = stock;
        this.token = token;
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    public Uni<Response> dispatch(@Valid @NotNull TransferRequest request) {
        Caller caller = Caller.of(token);
        caller.requireWorksAt(request.fromLocationId());
        if (request.fromLocationId().equals(request.toLocationId())) {
            throw new ConflictProblem("same-location", "A transfer needs two different locations.", Map.of());
        }
        return stock.transaction(tx -> tx.preparedQuery(
                                """
                                insert into transfer (id, sku, from_location_id, to_location_id, quantity)
                                values ($1, $2, $3, $4, $5) on conflict (id) do nothing
                                """)
                        .execute(Tuple.of(
                                request.transferId(),
                                request.sku(),
                                request.fromLocationId(),
                                request.toLocationId(),
                                request.quantity()))
                        .flatMap(inserted -> inserted.rowCount() == 0
                                ? Uni.createFrom().voidItem()
                                : stock.apply(
                                                tx,
                                                List.of(new StockChange(
                                                        request.sku(),
                                                        request.fromLocationId(),
                                                        -request.quantity(),
                                                        0,
                                                        0,
                                                        0,
                                                        0,
                                                        "transfer-out",
                                                        caller.name(),
                                                        request.transferId())))
                                        .replaceWithVoid())
                        .flatMap(done -> tx.preparedQuery(SELECT).execute(Tuple.of(request.transferId()))))
                .map(rows -> Response.created(URI.create("/transfers/" + request.transferId()))
                        .entity(TransferView.of(rows.iterator().next()))
                        .build());
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("{id}/receive")
    public Uni<TransferView> receive(@PathParam("id") String id) {
        Caller caller = Caller.of(token);
        // Staff receive only into a location they work at; the filter sits in the update so nothing changes first.
        return stock.transaction(tx -> tx.preparedQuery(
                                """
                                update transfer set status = 'received', received_at = now()
                                 where id = $1 and status = 'in-transit'
                                   and ($2::text[] is null or to_location_id = any($2))
                                returning sku, to_location_id, quantity
                                """)
                        .execute(Tuple.tuple().addString(id).addArrayOfString(caller.locationFilter()))
                        .flatMap(updated -> {
                            if (updated.size() == 0) {
                                return Uni.createFrom().voidItem();
                            }
                            var row = updated.iterator().next();
                            return stock.apply(
                                            tx,
                                            List.of(new StockChange(
                                                    row.getString("sku"),
                                                    row.getString("to_location_id"),
                                                    row.getInteger("quantity"),
                                                    0,
                                                    0,
                                                    0,
                                                    0,
                                                    "transfer-in",
                                                    caller.name(),
                                                    id)))
                                    .replaceWithVoid();
                        })
                        .flatMap(done -> tx.preparedQuery(SELECT).execute(Tuple.of(id))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundProblem("Transfer " + id + " does not exist.");
                    }
                    TransferView transfer = TransferView.of(rows.iterator().next());
                    caller.requireWorksAt(transfer.toLocationId());
                    return transfer;
                });
    }

    @GET
    @Path("{id}")
    public Uni<TransferView> get(@PathParam("id") String id) {
        return pool.preparedQuery(SELECT).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundProblem("Transfer " + id + " does not exist.");
            }
            return TransferView.of(rows.iterator().next());
        });
    }
}

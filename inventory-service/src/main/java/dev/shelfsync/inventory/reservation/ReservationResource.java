package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.inventory.error.ConflictProblem;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
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

/** Reservations for systems that call over HTTP; order-routing uses the same operations over RabbitMQ. */
@RolesAllowed({Roles.ADMIN, Roles.SERVICE})
@Path("/reservations")
public class ReservationResource {

    private final ReservationService reservations;
    private final ReservationSettlement settlement;

    public ReservationResource(ReservationService reservations, ReservationSettlement settlement) {
        this.reservations = reservations;
        this.settlement = settlement;
    }

    /** 201 with the allocations when every line is reserved; 409 problem naming the short lines otherwise. */
    @POST
    public Uni<Response> reserve(@Valid @NotNull ReservationRequest request) {
        return reservations.reserve(request.toCommand(), null).map(outcome -> {
            if (!outcome.confirmed()) {
                throw new ConflictProblem(
                        "insufficient-stock",
                        "No candidate location has enough sellable stock for some lines; nothing was reserved.",
                        Map.of("orderId", outcome.orderId(), "shortLines", outcome.shortLines()));
            }
            return Response.created(URI.create("/reservations/" + outcome.orderId()))
                    .entity(outcome)
                    .build();
        });
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
    @Path("{orderId}")
    public Uni<ReservationOutcome> get(@PathParam("orderId") String orderId) {
        return reservations
                .find(orderId)
                .map(found -> found.orElseThrow(
                        () -> new NotFoundProblem("No reservation request for order " + orderId + ".")));
    }

    @POST
    @Path("{orderId}/release")
    public Uni<List<Allocation>> release(@PathParam("orderId") String orderId) {
        return settlement.release(orderId, "api", null);
    }

    @POST
    @Path("{orderId}/commit")
    public Uni<List<Allocation>> commit(@PathParam("orderId") String orderId) {
        return settlement.commit(orderId, null);
    }
}

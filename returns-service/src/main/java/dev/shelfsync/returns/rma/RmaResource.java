package dev.shelfsync.returns.rma;

import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import dev.shelfsync.returns.inspection.InspectionRequest;
import dev.shelfsync.returns.inspection.InspectionView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The returns desk: open, receive, inspect and disposition returns. Warehouse staff see and change only returns at
 * their own locations; another location's return answers 404, lists leave it out. Merchant operations and services
 * may read every return but change none.
 */
@Path("/returns")
@RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN})
public class RmaResource {

    private final RmaOpenings openings;
    private final RmaWorkflow workflow;
    private final RmaQueries queries;
    private final JsonWebToken token;

    public RmaResource(RmaOpenings openings, RmaWorkflow workflow, RmaQueries queries, JsonWebToken token) {
        this.openings = openings;
        this.workflow = workflow;
        this.queries = queries;
        this.token = token;
    }

    /** Opens a return; a repeat with the same {@code Idempotency-Key} answers 200 with the return it opened. */
    @POST
    public Uni<Response> create(
            @HeaderParam("Idempotency-Key") @Size(max = 128) String idempotencyKey,
            @Valid @NotNull CreateRmaRequest request) {
        return openings.create(request, idempotencyKey, caller()).map(result -> (result.created()
                        ? Response.created(URI.create("/returns/" + result.rma().id()))
                        : Response.ok()
                                .location(URI.create("/returns/" + result.rma().id())))
                .entity(result.rma())
                .build());
    }

    @RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
    @GET
    public Uni<List<RmaView>> list(
            @QueryParam("status") @Pattern(regexp = "requested|received|inspected|closed") String status,
            @QueryParam("locationId") @Size(max = 64) String locationId,
            @QueryParam("channelId") @Size(max = 64) String channelId,
            @QueryParam("externalReturnId") @Size(max = 128) String externalReturnId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return queries.list(new RmaFilter(status, locationId, channelId, externalReturnId), limit, caller());
    }

    /** Returns received and not inspected within the SLA, oldest first. */
    @RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
    @GET
    @Path("overdue")
    public Uni<List<RmaView>> overdue(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return queries.overdue(limit, caller());
    }

    @RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
    @GET
    @Path("{id}")
    public Uni<RmaView> get(@PathParam("id") String id) {
        return queries.get(id, caller());
    }

    /** One scan at the receiving desk; the units go to quality hold at that location. */
    @POST
    @Path("{id}/receipts")
    public Uni<RmaView> receive(@PathParam("id") String id, @Valid @NotNull ReceiptRequest request) {
        return workflow.receive(id, request, caller());
    }

    @POST
    @Path("{id}/inspections")
    public Uni<RmaView> inspect(@PathParam("id") String id, @Valid @NotNull InspectionRequest request) {
        return workflow.inspect(id, request, caller());
    }

    @RolesAllowed({Roles.WAREHOUSE_STAFF, Roles.RETURNS_SUPERVISOR, Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
    @GET
    @Path("{id}/inspections")
    public Uni<List<InspectionView>> inspections(@PathParam("id") String id) {
        return queries.inspections(id, caller());
    }

    @POST
    @Path("{id}/dispositions")
    public Uni<RmaView> dispose(@PathParam("id") String id, @Valid @NotNull DispositionRequest request) {
        return workflow.dispose(id, request, caller());
    }

    private Caller caller() {
        return Caller.of(token);
    }
}

package dev.shelfsync.alerting.rule;

import dev.shelfsync.alerting.error.BadRequestProblem;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creates, lists, changes and deletes low-stock and reorder-point rules. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private static final String VALUES = "kind = $2, sku = $3, location_id = $4, channel_id = $5, severity = $6,"
            + " threshold = $7, rearm_margin = $8, lead_time_days = $9, safety_stock = $10, window_days = $11,"
            + " cover_days = $12, enabled = $13";

    private final Pool pool;

    public RuleResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<RuleView>> list(@QueryParam("sku") String sku) {
        return pool.preparedQuery("select " + RuleView.COLUMNS
                        + " from alert_rule where ($1::text is null or sku = $1) order by sku, created_at")
                .execute(Tuple.of(sku))
                .map(rows -> {
                    List<RuleView> rules = new ArrayList<>();
                    rows.forEach(row -> rules.add(RuleView.from(row)));
                    return rules;
                });
    }

    @GET
    @Path("/{id}")
    public Uni<RuleView> get(@PathParam("id") UUID id) {
        return pool.preparedQuery("select " + RuleView.COLUMNS + " from alert_rule where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No rule " + id + ".");
                    }
                    return RuleView.from(rows.iterator().next());
                });
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    public Uni<Response> create(@Valid @NotNull RuleRequest request) {
        checkConsistent(request);
        UUID id = UUID.randomUUID();
        String sql = "insert into alert_rule (id, kind, sku, location_id, channel_id, severity, threshold,"
                + " rearm_margin, lead_time_days, safety_stock, window_days, cover_days, enabled)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning " + RuleView.COLUMNS;
        return pool.preparedQuery(sql).execute(params(id, request)).map(rows -> Response.created(
                        URI.create("/rules/" + id))
                .entity(RuleView.from(rows.iterator().next()))
                .build());
    }

    /** Replaces a rule's settings; its hysteresis state is kept, so a change does not fire a second alert. */
    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<RuleView> update(@PathParam("id") UUID id, @Valid @NotNull RuleRequest request) {
        checkConsistent(request);
        return pool.preparedQuery("update alert_rule set " + VALUES + " where id = $1 returning " + RuleView.COLUMNS)
                .execute(params(id, request))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No rule " + id + ".");
                    }
                    return RuleView.from(rows.iterator().next());
                });
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return pool.preparedQuery("delete from alert_rule where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No rule " + id + ".");
                    }
                    return Response.noContent().build();
                });
    }

    private static void checkConsistent(RuleRequest request) {
        if (request.locationId() != null && request.channelId() != null) {
            throw new BadRequestProblem("channelId", "a rule watches one location or one channel, not both");
        }
        if ("low-stock".equals(request.kind()) && request.threshold() == null) {
            throw new BadRequestProblem("threshold", "is required for a low-stock rule");
        }
        if ("reorder-point".equals(request.kind()) && request.leadTimeDays() == null) {
            throw new BadRequestProblem("leadTimeDays", "is required for a reorder-point rule");
        }
    }

    private static Tuple params(UUID id, RuleRequest request) {
        boolean reorder = "reorder-point".equals(request.kind());
        return Tuple.tuple()
                .addUUID(id)
                .addString(request.kind())
                .addString(request.sku())
                .addString(request.locationId())
                .addString(request.channelId())
                .addString(request.severity() != null ? request.severity() : reorder ? "info" : "warning")
                .addInteger(request.threshold())
                .addInteger(request.rearmMargin() != null ? request.rearmMargin() : 0)
                .addInteger(request.leadTimeDays())
                .addInteger(request.safetyStock() != null ? request.safetyStock() : 0)
                .addInteger(reorder && request.windowDays() == null ? Integer.valueOf(28) : request.windowDays())
                .addInteger(reorder && request.coverDays() == null ? Integer.valueOf(14) : request.coverDays())
                .addBoolean(request.enabled() == null || request.enabled());
    }
}

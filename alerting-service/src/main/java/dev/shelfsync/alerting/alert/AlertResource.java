package dev.shelfsync.alerting.alert;

import dev.shelfsync.alerting.error.BadRequestProblem;
import dev.shelfsync.alerting.error.ConflictProblem;
import dev.shelfsync.alerting.notify.DeliveryView;
import dev.shelfsync.platform.problem.NotFoundProblem;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Lists, acknowledges and resolves alerts; shows each alert's delivery log and the digest of what is open. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final Set<String> STATES = Set.of("open", "acknowledged", "resolved");

    private final Pool pool;

    public AlertResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<AlertView>> list(
            @QueryParam("state") String state,
            @QueryParam("type") String type,
            @QueryParam("severity") String severity,
            @QueryParam("subject") String subject,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        if (state != null && !STATES.contains(state)) {
            throw new BadRequestProblem("state", "must be one of open, acknowledged, resolved");
        }
        if (severity != null && Severity.parse(severity) == null) {
            throw new BadRequestProblem("severity", "must be one of info, warning, critical");
        }
        String sql = "select " + AlertView.COLUMNS + " from alert where ($1::text is null or state = $1)"
                + " and ($2::text is null or type = $2) and ($3::text is null or severity = $3)"
                + " and ($4::text is null or subject = $4) order by last_seen desc, id limit $5";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(state, type, severity, subject, limit))
                .map(rows -> {
                    List<AlertView> alerts = new ArrayList<>();
                    rows.forEach(row -> alerts.add(AlertView.from(row)));
                    return alerts;
                });
    }

    @GET
    @Path("/digest")
    public Uni<Digest> digest() {
        String sql = "select " + AlertView.COLUMNS + " from alert where state <> 'resolved'"
                + " order by array_position(array['critical', 'warning', 'info'], severity), first_seen";
        return pool.query(sql).execute().map(rows -> {
            Map<String, List<AlertView>> bySeverity = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String severity : List.of("critical", "warning", "info")) {
                bySeverity.put(severity, new ArrayList<>());
                counts.put(severity, 0);
            }
            int total = 0;
            for (Row row : rows) {
                AlertView alert = AlertView.from(row);
                bySeverity.get(alert.severity()).add(alert);
                counts.merge(alert.severity(), 1, Integer::sum);
                total++;
            }
            return new Digest(OffsetDateTime.now(), total, counts, bySeverity);
        });
    }

    @GET
    @Path("/{id}")
    public Uni<AlertView> get(@PathParam("id") UUID id) {
        return find(id);
    }

    @GET
    @Path("/{id}/deliveries")
    public Uni<List<DeliveryView>> deliveries(@PathParam("id") UUID id) {
        return find(id).flatMap(alert -> DeliveryView.forAlert(pool, id));
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("/{id}/acknowledge")
    public Uni<AlertView> acknowledge(@PathParam("id") UUID id, @Valid @NotNull TransitionRequest request) {
        String sql = "update alert set state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2"
                + " where id = $1 and state = 'open' returning " + AlertView.COLUMNS;
        return transition(id, sql, request.actor(), "only an open alert can be acknowledged");
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF})
    @Path("/{id}/resolve")
    public Uni<AlertView> resolve(@PathParam("id") UUID id, @Valid @NotNull TransitionRequest request) {
        String sql = "update alert set state = 'resolved', resolved_at = now(), resolved_by = $2"
                + " where id = $1 and state <> 'resolved' returning " + AlertView.COLUMNS;
        return transition(id, sql, request.actor(), "the alert is already resolved");
    }

    private Uni<AlertView> transition(UUID id, String sql, String actor, String conflict) {
        return pool.preparedQuery(sql).execute(Tuple.of(id, actor)).flatMap(rows -> {
            if (rows.rowCount() == 1) {
                return Uni.createFrom().item(AlertView.from(rows.iterator().next()));
            }
            return find(id).map(existing -> {
                throw new ConflictProblem("invalid-transition", conflict + " (state is " + existing.state() + ")");
            });
        });
    }

    private Uni<AlertView> find(UUID id) {
        return pool.preparedQuery("select " + AlertView.COLUMNS + " from alert where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No alert " + id + ".");
                    }
                    return AlertView.from(rows.iterator().next());
                });
    }
}

package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.config.AlertingConfig;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Manages notification targets. Secrets are write-only; deleting a target drops its pending deliveries. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/notification-targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    private final Pool pool;
    private final AlertingConfig config;

    public TargetResource(Pool pool, AlertingConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @GET
    public Uni<List<TargetView>> list() {
        return pool.query(TargetView.SELECT + " order by t.created_at")
                .execute()
                .map(rows -> {
                    List<TargetView> targets = new ArrayList<>();
                    rows.forEach(row -> targets.add(TargetView.from(row)));
                    return targets;
                });
    }

    @GET
    @Path("/{id}")
    public Uni<TargetView> get(@PathParam("id") UUID id) {
        return pool.preparedQuery(TargetView.SELECT + " where t.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No notification target " + id + ".");
                    }
                    return TargetView.from(rows.iterator().next());
                });
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    public Uni<Response> create(@Valid @NotNull TargetRequest request) {
        checkConsistent(request, true);
        UUID id = UUID.randomUUID();
        String sql = "insert into notification_target (id, name, kind, url, secret, body_format, email, min_severity,"
                + " enabled) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
        return pool.preparedQuery(sql)
                .execute(params(id, request))
                .flatMap(ignored -> get(id))
                .map(view -> Response.created(URI.create("/notification-targets/" + id))
                        .entity(view)
                        .build());
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<TargetView> update(@PathParam("id") UUID id, @Valid @NotNull TargetRequest request) {
        checkConsistent(request, false);
        String sql = "update notification_target set name = $2, kind = $3, url = $4, secret = coalesce($5, secret),"
                + " body_format = $6, email = $7, min_severity = $8, enabled = $9 where id = $1";
        return pool.preparedQuery(sql).execute(params(id, request)).flatMap(rows -> {
            if (rows.rowCount() == 0) {
                throw new NotFoundProblem("No notification target " + id + ".");
            }
            return get(id);
        });
    }

    @DELETE
    @RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS})
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return pool.preparedQuery("delete from notification_target where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new NotFoundProblem("No notification target " + id + ".");
                    }
                    return Response.noContent().build();
                });
    }

    private void checkConsistent(TargetRequest request, boolean creating) {
        if ("webhook".equals(request.kind())) {
            if (request.url() == null) {
                throw new BadRequestProblem("url", "is required for a webhook target");
            }
            if (creating
                    && request.secret() == null
                    && config.webhook().defaultSecret().isEmpty()) {
                throw new BadRequestProblem("secret", "is required: webhooks are always signed");
            }
        }
        if ("email".equals(request.kind()) && request.email() == null) {
            throw new BadRequestProblem("email", "is required for an email target");
        }
    }

    private static Tuple params(UUID id, TargetRequest request) {
        return Tuple.tuple()
                .addUUID(id)
                .addString(request.name())
                .addString(request.kind())
                .addString(request.url())
                .addString(request.secret())
                .addString(request.format() == null ? "json" : request.format())
                .addString(request.email())
                .addString(request.minSeverity() == null ? "info" : request.minSeverity())
                .addBoolean(request.enabled() == null || request.enabled());
    }
}

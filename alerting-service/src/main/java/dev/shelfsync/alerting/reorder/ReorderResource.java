package dev.shelfsync.alerting.reorder;

import dev.shelfsync.alerting.alert.AlertTypes;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** The reorder suggestions that are open now, for purchasing to turn into purchase orders. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.SERVICE})
@Path("/reorder-suggestions")
@Produces(MediaType.APPLICATION_JSON)
public class ReorderResource {

    private final Pool pool;

    public ReorderResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public Uni<List<ReorderSuggestion>> open(@QueryParam("sku") String sku) {
        String sql = "select id, rule_id, state, details, first_seen, last_seen from alert where type = $1"
                + " and state <> 'resolved' and ($2::text is null or details ->> 'sku' = $2) order by first_seen";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(AlertTypes.REORDER_SUGGESTED, sku))
                .map(rows -> {
                    List<ReorderSuggestion> suggestions = new ArrayList<>();
                    for (Row row : rows) {
                        JsonObject details = row.getJsonObject("details");
                        suggestions.add(new ReorderSuggestion(
                                row.getUUID("id"),
                                row.getUUID("rule_id"),
                                details.getString("sku"),
                                details.getString("locationId"),
                                details.getString("channelId"),
                                details.getLong("suggestedQuantity", 0L),
                                details.getLong("reorderPoint", 0L),
                                details.getLong("position", 0L),
                                details.getDouble("velocityPerDay", 0.0),
                                details.getInteger("leadTimeDays", 0),
                                details.getInteger("coverDays", 0),
                                row.getString("state"),
                                row.getOffsetDateTime("first_seen"),
                                row.getOffsetDateTime("last_seen")));
                    }
                    return suggestions;
                });
    }
}

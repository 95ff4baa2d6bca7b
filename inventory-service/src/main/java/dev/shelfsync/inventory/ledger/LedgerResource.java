package dev.shelfsync.inventory.ledger;

import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Caller;
import dev.shelfsync.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The stock ledger, filtered by SKU, location, correlation (order, return, count) and time range. */
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT_OPS, Roles.WAREHOUSE_STAFF, Roles.SERVICE})
@Path("/ledger")
public class LedgerResource {

    private final Pool pool;
    private final JsonWebToken token;

    public LedgerResource(Pool pool, JsonWebToken token) {
        this.pool = pool;
        this.token = token;
    }

    /**
     * Entries oldest first; page with {@code afterId} (the last id of the previous page). Warehouse staff read only
     * their own locations' entries: the filter is in the query, so a page never leaks another location.
     */
    @GET
    public Uni<List<LedgerEntry>> entries(
            @QueryParam("sku") String sku,
            @QueryParam("locationId") String locationId,
            @QueryParam("correlationId") String correlationId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("afterId") @DefaultValue("0") @Min(0) long afterId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return pool.preparedQuery(
                        """
                        select * from ledger_entry
                         where ($1::text is null or sku = $1) and ($2::text is null or location_id = $2)
                           and ($3::text is null or correlation_id = $3)
                           and ($4::timestamptz is null or occurred_at >= $4)
                           and ($5::timestamptz is null or occurred_at < $5)
                           and id > $6
                           and ($8::text[] is null or location_id = any($8))
                         order by id limit $7
                        """)
                .execute(Tuple.tuple()
                        .addString(sku)
                        .addString(locationId)
                        .addString(correlationId)
                        .addOffsetDateTime(time("from", from))
                        .addOffsetDateTime(time("to", to))
                        .addLong(afterId)
                        .addInteger(limit)
                        .addArrayOfString(Caller.of(token).locationFilter()))
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(entry(row));
                    }
                    return entries;
                });
    }

    private static OffsetDateTime time(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(Problem.response(
                    400, "invalid-request", "Invalid request", name + " must be an ISO-8601 timestamp with offset."));
        }
    }

    private static LedgerEntry entry(Row row) {
        return new LedgerEntry(
                row.getLong("id"),
                row.getOffsetDateTime("occurred_at"),
                row.getString("sku"),
                row.getString("location_id"),
                row.getString("reason"),
                row.getString("actor"),
                row.getString("correlation_id"),
                new LedgerEntry.Numbers(
                        row.getInteger("on_hand_delta"),
                        row.getInteger("reserved_delta"),
                        row.getInteger("damaged_delta"),
                        row.getInteger("quality_hold_delta"),
                        row.getInteger("inbound_delta")),
                new LedgerEntry.Numbers(
                        row.getInteger("on_hand_after"),
                        row.getInteger("reserved_after"),
                        row.getInteger("damaged_after"),
                        row.getInteger("quality_hold_after"),
                        row.getInteger("inbound_after")));
    }
}

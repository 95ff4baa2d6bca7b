package dev.shelfsync.returns.reasons;

import dev.shelfsync.platform.problem.Problem;
import dev.shelfsync.platform.security.Roles;
import dev.shelfsync.returns.error.InvalidInput;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Why things come back: reasons by SKU or channel over a time range, so a listing error or bad product shows up. */
@Path("/returns/reasons")
@RolesAllowed({Roles.RETURNS_SUPERVISOR, Roles.ADMIN})
public class ReasonResource {

    private final Pool pool;

    public ReasonResource(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param from start of the range (inclusive, ISO-8601 instant), on the return's creation time
     * @param to end of the range (exclusive)
     */
    @GET
    public Uni<ReasonReport> report(
            @QueryParam("by") @DefaultValue("sku") @Pattern(regexp = "sku|channel") String by,
            @QueryParam("from") @NotNull String from,
            @QueryParam("to") @NotNull String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw new InvalidInput("The range is empty.", List.of(new Problem.Violation("to", "must be after from")));
        }
        String key = "channel".equals(by) ? "r.channel_id" : "l.sku";
        return pool.preparedQuery("select " + key + " as key, l.reason_code, sum(l.quantity) as units,"
                        + " count(distinct r.id) as returns from rma r join rma_line l on l.rma_id = r.id"
                        + " where r.created_at >= $1 and r.created_at < $2 group by grouping sets ((" + key
                        + ", l.reason_code), (" + key + "))"
                        + " order by 1, 2")
                .execute(Tuple.of(start.atOffset(java.time.ZoneOffset.UTC), end.atOffset(java.time.ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, List<Row>> byKey = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byKey.computeIfAbsent(row.getString("key"), k -> new ArrayList<>())
                                .add(row);
                    }
                    List<ReasonReport.Group> groups = new ArrayList<>();
                    byKey.forEach((k, list) -> groups.add(group(k, list)));
                    groups.sort((a, b) -> a.units() != b.units()
                            ? Long.compare(b.units(), a.units())
                            : a.key().compareTo(b.key()));
                    return new ReasonReport(by, start, end, groups);
                });
    }

    /** The rows of one key: one per reason, plus the key's total (reason_code null, from the grouping set). */
    private static ReasonReport.Group group(String key, List<Row> rows) {
        Row total = rows.stream()
                .filter(r -> r.getString("reason_code") == null)
                .findFirst()
                .orElseThrow();
        long units = total.getLong("units");
        List<ReasonReport.ReasonCount> reasons = rows.stream()
                .filter(r -> r.getString("reason_code") != null)
                .map(r -> new ReasonReport.ReasonCount(
                        r.getString("reason_code"),
                        r.getLong("units"),
                        r.getLong("returns"),
                        Math.round(r.getLong("units") * 10_000.0 / units) / 10_000.0))
                .sorted((a, b) -> Long.compare(b.units(), a.units()))
                .toList();
        return new ReasonReport.Group(key, units, total.getLong("returns"), reasons);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(
                    "Invalid time range.",
                    List.of(new Problem.Violation(field, "must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z")));
        }
    }
}

package dev.shelfsync.returns.rma;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes returns and their lines; the caller owns the transaction. */
@ApplicationScoped
public class RmaStore {

    private static final String COLUMNS = "id, source, channel_id, external_order_id, external_return_id, location_id,"
            + " status, created_by, created_at, received_at, inspected_at";

    /**
     * Inserts the return unless one with the same request key or channel return id exists.
     *
     * @return true when this call created it
     */
    Uni<Boolean> insert(SqlConnection tx, Rma rma, String requestKey) {
        return tx.preparedQuery("insert into rma (id, source, channel_id, external_order_id, external_return_id,"
                        + " request_key, location_id, status, created_by, created_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict do nothing")
                .execute(Tuple.from(new Object[] {
                    rma.id,
                    rma.source,
                    rma.channelId,
                    rma.externalOrderId,
                    rma.externalReturnId,
                    requestKey,
                    rma.locationId,
                    rma.status,
                    rma.createdBy,
                    offset(rma.createdAt)
                }))
                .flatMap(result -> {
                    if (result.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    List<Tuple> lines = new ArrayList<>();
                    for (RmaLine line : rma.lines.values()) {
                        lines.add(Tuple.of(
                                rma.id, line.sku, line.barcode, line.quantity, line.reasonCode, line.reasonText));
                    }
                    return tx.preparedQuery("insert into rma_line (rma_id, sku, barcode, quantity, reason_code,"
                                    + " reason_text) values ($1, $2, $3, $4, $5, $6)")
                            .executeBatch(lines)
                            .replaceWith(true);
                });
    }

    /** The id of an existing return with this request key or channel return id. */
    Uni<Optional<String>> existingId(SqlClient client, String requestKey, String channelId, String externalReturnId) {
        return client.preparedQuery("select id from rma where request_key = $1"
                        + " or (channel_id = $2 and external_return_id = $3) limit 1")
                .execute(Tuple.of(requestKey, channelId, externalReturnId))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("id")));
    }

    /** Loads the return and locks it for the rest of the transaction, so commands on it run one at a time. */
    Uni<Optional<Rma>> lock(SqlConnection tx, String id) {
        return tx.preparedQuery("select " + COLUMNS + " from rma where id = $1 for update")
                .execute(Tuple.of(id))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<Rma>empty())
                        : withLines(tx, List.of(Rma.fromRow(rows.iterator().next())))
                                .map(list -> Optional.of(list.get(0))));
    }

    Uni<Optional<Rma>> find(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from rma where id = $1")
                .execute(Tuple.of(id))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(Optional.<Rma>empty())
                        : withLines(client, List.of(Rma.fromRow(rows.iterator().next())))
                                .map(list -> Optional.of(list.get(0))));
    }

    /**
     * Returns newest first, filtered by status and location; {@code locations} restricts to a worker's locations (and
     * returns not yet bound to one), null for no restriction.
     */
    Uni<List<Rma>> list(SqlClient client, RmaFilter filter, String[] locations, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from rma where ($1::text is null or status = $1)"
                        + " and ($2::text is null or location_id = $2)"
                        + " and ($3::text is null or channel_id = $3)"
                        + " and ($4::text is null or external_return_id = $4)"
                        + " and ($5::text[] is null or location_id is null or location_id = any($5))"
                        + " order by created_at desc, id limit $6")
                .execute(Tuple.from(new Object[] {
                    filter.status(),
                    filter.locationId(),
                    filter.channelId(),
                    filter.externalReturnId(),
                    locations,
                    limit
                }))
                .flatMap(rows -> withLines(client, rmas(rows)));
    }

    /** Received and still not inspected after the SLA, oldest first. */
    Uni<List<Rma>> overdue(SqlClient client, Duration sla, String[] locations, int limit) {
        return client.preparedQuery("select " + COLUMNS + " from rma where status = 'received'"
                        + " and received_at <= now() - make_interval(secs => $1)"
                        + " and ($2::text[] is null or location_id = any($2))"
                        + " order by received_at, id limit $3")
                .execute(Tuple.of(seconds(sla), locations, limit))
                .flatMap(rows -> withLines(client, rmas(rows)));
    }

    Uni<Void> save(SqlConnection tx, Rma rma) {
        List<Tuple> lines = new ArrayList<>();
        for (RmaLine line : rma.lines.values()) {
            lines.add(Tuple.from(new Object[] {
                rma.id,
                line.sku,
                line.received,
                line.inspectionOutcome,
                line.restocked,
                line.refurbishing,
                line.discarded,
                line.returnedToVendor
            }));
        }
        return tx.preparedQuery("update rma set location_id = $2, status = $3, received_at = $4, inspected_at = $5"
                        + " where id = $1")
                .execute(Tuple.of(rma.id, rma.locationId, rma.status, offset(rma.receivedAt), offset(rma.inspectedAt)))
                .flatMap(ignored -> tx.preparedQuery("update rma_line set received = $3, inspection_outcome = $4,"
                                + " restocked = $5, refurbishing = $6, discarded = $7, returned_to_vendor = $8"
                                + " where rma_id = $1 and sku = $2")
                        .executeBatch(lines))
                .replaceWithVoid();
    }

    private Uni<List<Rma>> withLines(SqlClient client, List<Rma> rmas) {
        if (rmas.isEmpty()) {
            return Uni.createFrom().item(rmas);
        }
        Map<String, Rma> byId = new LinkedHashMap<>();
        rmas.forEach(rma -> byId.put(rma.id, rma));
        return client.preparedQuery("select * from rma_line where rma_id = any($1) order by rma_id, sku")
                .execute(Tuple.of(byId.keySet().toArray(new String[0])))
                .map(rows -> {
                    for (Row row : rows) {
                        RmaLine line = RmaLine.fromRow(row);
                        byId.get(row.getString("rma_id")).lines.put(line.sku, line);
                    }
                    return rmas;
                });
    }

    private static List<Rma> rmas(RowSet<Row> rows) {
        List<Rma> result = new ArrayList<>();
        rows.forEach(row -> result.add(Rma.fromRow(row)));
        return result;
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

package dev.shelfsync.alerting.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One notification of one alert to one target, with every attempt made so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        UUID id,
        UUID alertId,
        UUID targetId,
        String targetName,
        String targetKind,
        String status,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime deliveredAt,
        List<Attempt> log) {

    /** One delivery attempt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(OffsetDateTime at, boolean succeeded, Integer statusCode, String error) {}

    private static final String SELECT = "select n.id, n.alert_id, n.target_id, t.name, t.kind, n.status, n.attempts,"
            + " n.next_attempt_at, n.last_error, n.created_at, n.delivered_at from notification n"
            + " join notification_target t on t.id = n.target_id";
    private static final String ATTEMPTS = "select notification_id, attempted_at, succeeded, status_code, error"
            + " from delivery_attempt where notification_id = any($1) order by id";

    public static Uni<List<DeliveryView>> forAlert(Pool pool, UUID alertId) {
        return query(pool, SELECT + " where n.alert_id = $1 order by n.created_at", Tuple.of(alertId));
    }

    public static Uni<List<DeliveryView>> filtered(Pool pool, String status, UUID targetId, int limit) {
        String sql = SELECT + " where ($1::text is null or n.status = $1) and ($2::uuid is null or n.target_id = $2)"
                + " order by n.created_at desc limit $3";
        return query(pool, sql, Tuple.of(status, targetId, limit));
    }

    private static Uni<List<DeliveryView>> query(Pool pool, String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).flatMap(rows -> {
            Map<UUID, Row> byId = new LinkedHashMap<>();
            rows.forEach(row -> byId.put(row.getUUID("id"), row));
            if (byId.isEmpty()) {
                return Uni.createFrom().item(List.<DeliveryView>of());
            }
            return pool.preparedQuery(ATTEMPTS)
                    .execute(Tuple.of(byId.keySet().toArray(new UUID[0])))
                    .map(attemptRows -> {
                        Map<UUID, List<Attempt>> logs = new LinkedHashMap<>();
                        attemptRows.forEach(
                                a -> logs.computeIfAbsent(a.getUUID("notification_id"), id -> new ArrayList<>())
                                        .add(new Attempt(
                                                a.getOffsetDateTime("attempted_at"),
                                                a.getBoolean("succeeded"),
                                                a.getInteger("status_code"),
                                                a.getString("error"))));
                        List<DeliveryView> views = new ArrayList<>();
                        byId.forEach((id, row) -> views.add(new DeliveryView(
                                id,
                                row.getUUID("alert_id"),
                                row.getUUID("target_id"),
                                row.getString("name"),
                                row.getString("kind"),
                                row.getString("status"),
                                row.getInteger("attempts"),
                                row.getOffsetDateTime("next_attempt_at"),
                                row.getString("last_error"),
                                row.getOffsetDateTime("created_at"),
                                row.getOffsetDateTime("delivered_at"),
                                logs.getOrDefault(id, List.of()))));
                        return views;
                    });
        });
    }
}

package dev.shelfsync.alerting.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A notification target as the API shows it: the secret only as "set or not", with its delivery health. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetView(
        UUID id,
        String name,
        String kind,
        String url,
        String format,
        String email,
        String minSeverity,
        boolean enabled,
        boolean secretSet,
        long pendingDeliveries,
        long failedDeliveries,
        String lastError,
        OffsetDateTime createdAt) {

    static final String SELECT = "select t.id, t.name, t.kind, t.url, t.body_format, t.email, t.min_severity,"
            + " t.enabled, t.secret is not null as secret_set, t.created_at,"
            + " (select count(*) from notification n where n.target_id = t.id and n.status = 'pending') as pending,"
            + " (select count(*) from notification n where n.target_id = t.id and n.status = 'failed') as failed,"
            + " (select n.last_error from notification n where n.target_id = t.id and n.last_error is not null"
            + " order by n.created_at desc limit 1) as last_error"
            + " from notification_target t";

    static TargetView from(Row row) {
        return new TargetView(
                row.getUUID("id"),
                row.getString("name"),
                row.getString("kind"),
                row.getString("url"),
                row.getString("body_format"),
                row.getString("email"),
                row.getString("min_severity"),
                row.getBoolean("enabled"),
                row.getBoolean("secret_set"),
                row.getLong("pending"),
                row.getLong("failed"),
                row.getString("last_error"),
                row.getOffsetDateTime("created_at"));
    }
}

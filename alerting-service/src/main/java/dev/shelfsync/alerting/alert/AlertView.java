package dev.shelfsync.alerting.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An alert as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(
        UUID id,
        String type,
        String severity,
        String subject,
        String summary,
        Map<String, Object> details,
        UUID ruleId,
        String state,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        int occurrences,
        OffsetDateTime acknowledgedAt,
        String acknowledgedBy,
        OffsetDateTime resolvedAt,
        String resolvedBy) {

    public static final String COLUMNS = "id, type, severity, subject, summary, details, rule_id, state, first_seen,"
            + " last_seen, occurrences, acknowledged_at, acknowledged_by, resolved_at, resolved_by";

    public static AlertView from(Row row) {
        return new AlertView(
                row.getUUID("id"),
                row.getString("type"),
                row.getString("severity"),
                row.getString("subject"),
                row.getString("summary"),
                row.getJsonObject("details").getMap(),
                row.getUUID("rule_id"),
                row.getString("state"),
                row.getOffsetDateTime("first_seen"),
                row.getOffsetDateTime("last_seen"),
                row.getInteger("occurrences"),
                row.getOffsetDateTime("acknowledged_at"),
                row.getString("acknowledged_by"),
                row.getOffsetDateTime("resolved_at"),
                row.getString("resolved_by"));
    }
}

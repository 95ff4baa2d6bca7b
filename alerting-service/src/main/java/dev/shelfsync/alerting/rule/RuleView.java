package dev.shelfsync.alerting.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A rule as the API shows it, with its hysteresis state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleView(
        UUID id,
        String kind,
        String sku,
        String locationId,
        String channelId,
        String severity,
        Integer threshold,
        int rearmMargin,
        Integer leadTimeDays,
        int safetyStock,
        Integer windowDays,
        Integer coverDays,
        boolean enabled,
        boolean armed) {

    public static final String COLUMNS = "id, kind, sku, location_id, channel_id, severity, threshold, rearm_margin,"
            + " lead_time_days, safety_stock, window_days, cover_days, enabled, armed";

    /** Reads rules with a query that selects {@link #COLUMNS}. */
    public static Uni<List<RuleView>> select(SqlConnection tx, String sql, Tuple params) {
        return tx.preparedQuery(sql).execute(params).map(rows -> {
            List<RuleView> rules = new ArrayList<>();
            rows.forEach(row -> rules.add(from(row)));
            return rules;
        });
    }

    public static RuleView from(Row row) {
        return new RuleView(
                row.getUUID("id"),
                row.getString("kind"),
                row.getString("sku"),
                row.getString("location_id"),
                row.getString("channel_id"),
                row.getString("severity"),
                row.getInteger("threshold"),
                row.getInteger("rearm_margin"),
                row.getInteger("lead_time_days"),
                row.getInteger("safety_stock"),
                row.getInteger("window_days"),
                row.getInteger("cover_days"),
                row.getBoolean("enabled"),
                row.getBoolean("armed"));
    }

    /** What the rule watches, used as the alert subject: {@code sku:X}, {@code sku:X@location}, {@code sku:X#channel}. */
    public String subject() {
        if (locationId != null) {
            return "sku:" + sku + "@" + locationId;
        }
        if (channelId != null) {
            return "sku:" + sku + "#" + channelId;
        }
        return "sku:" + sku;
    }
}

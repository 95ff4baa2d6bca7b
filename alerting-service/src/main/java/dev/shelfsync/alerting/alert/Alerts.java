package dev.shelfsync.alerting.alert;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.alerts.AlertRaised;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Opens, refreshes and auto-resolves alerts inside the caller's transaction. A newly opened alert appends
 * {@code alerts.raised} to the outbox and one pending notification per matching target in the same transaction; a
 * condition that is already open only moves its last-seen time (and, for repeated events, its occurrence count).
 */
@ApplicationScoped
public class Alerts {

    /** Relies on the partial unique index on (type, subject) for alerts that are not resolved. */
    private static final String RAISE = "insert into alert (id, type, severity, subject, summary, details, rule_id)"
            + " values ($1, $2, $3, $4, $5, $6, $7)"
            + " on conflict (type, subject) where state <> 'resolved' do update"
            + " set last_seen = now(), occurrences = alert.occurrences + $8,"
            + " summary = excluded.summary, details = excluded.details"
            + " returning id, (xmax = 0) as inserted";

    private static final String NOTIFY_TARGETS = "insert into notification (id, alert_id, target_id)"
            + " select gen_random_uuid(), $1, id from notification_target where enabled and"
            + " array_position(array['info', 'warning', 'critical'], min_severity)"
            + " <= array_position(array['info', 'warning', 'critical'], $2::text)";

    private static final String AUTO_RESOLVE = "update alert set state = 'resolved', resolved_at = now(),"
            + " resolved_by = 'alerting' where type = $1 and subject = $2 and state <> 'resolved'";

    private final OutboxWriter outbox;

    public Alerts(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /**
     * Opens the condition, or refreshes the alert already open for it.
     *
     * @param countOccurrence true for a repeated incident (another event), false for a re-evaluated state
     * @return true when a new alert was opened (and notified)
     */
    public Uni<Boolean> raise(SqlConnection tx, AlertDraft draft, boolean countOccurrence) {
        UUID id = UUID.randomUUID();
        Tuple params = Tuple.tuple()
                .addUUID(id)
                .addString(draft.type())
                .addString(draft.severity().name())
                .addString(draft.subject())
                .addString(draft.summary())
                .addJsonObject(draft.details())
                .addUUID(draft.ruleId())
                .addInteger(countOccurrence ? 1 : 0);
        return tx.preparedQuery(RAISE).execute(params).flatMap(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("inserted")) {
                return Uni.createFrom().item(false);
            }
            AlertRaised event = new AlertRaised(
                    id.toString(), draft.type(), draft.severity().name(), draft.subject(), draft.summary());
            return outbox.append(tx, RoutingKeys.ALERT_RAISED, id.toString(), null, event)
                    .flatMap(ignored -> tx.preparedQuery(NOTIFY_TARGETS)
                            .execute(Tuple.of(id, draft.severity().name())))
                    .replaceWith(true);
        });
    }

    /** Resolves the condition's open alert, if any, because the condition cleared. */
    public Uni<Boolean> autoResolve(SqlConnection tx, String type, String subject) {
        return tx.preparedQuery(AUTO_RESOLVE).execute(Tuple.of(type, subject)).map(rows -> rows.rowCount() > 0);
    }
}

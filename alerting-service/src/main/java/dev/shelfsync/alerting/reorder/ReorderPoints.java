package dev.shelfsync.alerting.reorder;

import dev.shelfsync.alerting.alert.AlertDraft;
import dev.shelfsync.alerting.alert.AlertTypes;
import dev.shelfsync.alerting.alert.Alerts;
import dev.shelfsync.alerting.alert.Severity;
import dev.shelfsync.alerting.rule.RuleView;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Evaluates reorder-point rules of one SKU. Velocity is units sold per day over the rule's rolling window (per
 * channel when the rule names one); reorder point = ceil(velocity x lead time + safety stock). When sellable plus
 * inbound falls below it, a reorder suggestion is open with quantity = ceil(reorder point + velocity x cover days)
 * - (sellable + inbound); it resolves itself when the position is back at or above the reorder point.
 */
@ApplicationScoped
public class ReorderPoints {

    private static final double EPSILON = 1e-9;
    private static final String RULES = "select " + RuleView.COLUMNS + " from alert_rule where sku = $1"
            + " and kind = 'reorder-point' and enabled order by id for update";
    private static final String FACTS = "select (select coalesce(sum(quantity), 0) from sale where sku = $1"
            + " and sold_at > now() - make_interval(days => $2) and ($3::text is null or channel_id = $3)) as sold,"
            + " (select count(*) from stock_position where sku = $1 and ($4::text is null or location_id = $4))"
            + " as positions,"
            + " (select coalesce(sum(sellable + inbound), 0) from stock_position where sku = $1"
            + " and ($4::text is null or location_id = $4)) as position";

    private final Alerts alerts;

    public ReorderPoints(Alerts alerts) {
        this.alerts = alerts;
    }

    public Uni<Void> evaluate(SqlConnection tx, String sku) {
        return RuleView.select(tx, RULES, Tuple.of(sku)).flatMap(rules -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (RuleView rule : rules) {
                chain = chain.flatMap(ignored -> evaluate(tx, rule));
            }
            return chain;
        });
    }

    private Uni<Void> evaluate(SqlConnection tx, RuleView rule) {
        Tuple params = Tuple.of(rule.sku(), rule.windowDays(), rule.channelId(), rule.locationId());
        return tx.preparedQuery(FACTS).execute(params).flatMap(rows -> {
            Row facts = rows.iterator().next();
            if (facts.getLong("positions") == 0) {
                return Uni.createFrom().voidItem(); // no stock known yet: nothing to compare with
            }
            double velocity = facts.getLong("sold") / (double) rule.windowDays();
            long position = facts.getLong("position");
            long reorderPoint = ceil(velocity * rule.leadTimeDays() + rule.safetyStock());
            if (position >= reorderPoint) {
                return alerts.autoResolve(tx, AlertTypes.REORDER_SUGGESTED, rule.subject())
                        .replaceWithVoid();
            }
            long quantity = ceil(reorderPoint + velocity * rule.coverDays()) - position;
            JsonObject details = new JsonObject()
                    .put("sku", rule.sku())
                    .put("locationId", rule.locationId())
                    .put("channelId", rule.channelId())
                    .put("velocityPerDay", velocity)
                    .put("unitsSoldInWindow", facts.getLong("sold"))
                    .put("windowDays", rule.windowDays())
                    .put("leadTimeDays", rule.leadTimeDays())
                    .put("safetyStock", rule.safetyStock())
                    .put("coverDays", rule.coverDays())
                    .put("reorderPoint", reorderPoint)
                    .put("position", position)
                    .put("suggestedQuantity", quantity);
            String summary = "Reorder " + quantity + " x " + rule.sku() + ": sellable + inbound " + position
                    + " is below the reorder point " + reorderPoint;
            AlertDraft draft = new AlertDraft(
                    AlertTypes.REORDER_SUGGESTED,
                    Severity.valueOf(rule.severity()),
                    rule.subject(),
                    summary,
                    details,
                    rule.id());
            return alerts.raise(tx, draft, false).replaceWithVoid();
        });
    }

    private static long ceil(double value) {
        return (long) Math.ceil(value - EPSILON);
    }
}

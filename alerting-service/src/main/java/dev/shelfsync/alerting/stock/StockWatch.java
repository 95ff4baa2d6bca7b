package dev.shelfsync.alerting.stock;

import dev.shelfsync.alerting.alert.AlertDraft;
import dev.shelfsync.alerting.alert.AlertTypes;
import dev.shelfsync.alerting.alert.Alerts;
import dev.shelfsync.alerting.alert.Severity;
import dev.shelfsync.alerting.reorder.ReorderPoints;
import dev.shelfsync.alerting.rule.RuleView;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.StockChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Keeps alerting's read model of stock and evaluates low-stock rules with hysteresis and out-of-stock: a rule
 * fires once when the watched quantity falls to its threshold, stays quiet while it hovers there, and re-arms (and
 * resolves its alert) only when the quantity recovers above threshold + margin.
 */
@ApplicationScoped
public class StockWatch {

    private static final String UPSERT_POSITION =
            "insert into stock_position (sku, location_id, sellable, inbound, as_of) values ($1, $2, $3, $4, $5)"
                    + " on conflict (sku, location_id) do update set sellable = excluded.sellable,"
                    + " inbound = excluded.inbound, as_of = excluded.as_of where stock_position.as_of <= excluded.as_of";
    private static final String TOTALS = "select count(*) as positions, coalesce(sum(sellable), 0) as sellable,"
            + " coalesce(sum(inbound), 0) as inbound from stock_position where sku = $1";
    private static final String UPSERT_AVAILABILITY =
            "insert into sku_availability (sku, version, default_available, channels) values ($1, $2, $3, $4)"
                    + " on conflict (sku) do update set version = excluded.version,"
                    + " default_available = excluded.default_available, channels = excluded.channels"
                    + " where sku_availability.version < excluded.version";
    private static final String RULES = "select " + RuleView.COLUMNS + " from alert_rule where sku = $1"
            + " and kind = 'low-stock' and enabled and ";

    private final Alerts alerts;
    private final ReorderPoints reorderPoints;

    public StockWatch(Alerts alerts, ReorderPoints reorderPoints) {
        this.alerts = alerts;
        this.reorderPoints = reorderPoints;
    }

    /** Stock totals of one SKU over the locations alerting has heard of. */
    public record Totals(long positions, long sellable, long inbound) {}

    public static Uni<Totals> totals(SqlConnection tx, String sku) {
        return tx.preparedQuery(TOTALS).execute(Tuple.of(sku)).map(rows -> {
            Row row = rows.iterator().next();
            return new Totals(row.getLong("positions"), row.getLong("sellable"), row.getLong("inbound"));
        });
    }

    public Uni<Void> stockChanged(SqlConnection tx, StockChanged event, Instant occurredAt) {
        Tuple position = Tuple.of(
                event.sku(),
                event.locationId(),
                event.sellable(),
                event.inbound(),
                occurredAt.atOffset(ZoneOffset.UTC));
        return totals(tx, event.sku()).flatMap(before -> tx.preparedQuery(UPSERT_POSITION)
                .execute(position)
                .flatMap(applied -> {
                    if (applied.rowCount() == 0) {
                        return Uni.createFrom().voidItem(); // an older state than the one already known
                    }
                    return totals(tx, event.sku()).flatMap(after -> outOfStock(tx, event.sku(), before, after)
                            .flatMap(ignored -> locationRules(tx, event, after))
                            .flatMap(ignored -> reorderPoints.evaluate(tx, event.sku())));
                }));
    }

    public Uni<Void> availabilityChanged(SqlConnection tx, AvailabilityChanged event) {
        JsonObject channels = new JsonObject();
        if (event.channels() != null) {
            event.channels().forEach(channels::put);
        }
        return tx.preparedQuery(UPSERT_AVAILABILITY)
                .execute(Tuple.of(event.sku(), event.version(), event.defaultAvailable(), channels))
                .flatMap(applied -> {
                    if (applied.rowCount() == 0) {
                        return Uni.createFrom().voidItem(); // an older version than the one already known
                    }
                    return RuleView.select(
                                    tx, RULES + "channel_id is not null order by id for update", Tuple.of(event.sku()))
                            .flatMap(rules -> {
                                Uni<Void> chain = Uni.createFrom().voidItem();
                                for (RuleView rule : rules) {
                                    Integer perChannel = event.channels() == null
                                            ? null
                                            : event.channels().get(rule.channelId());
                                    int available = perChannel != null ? perChannel : event.defaultAvailable();
                                    chain = chain.flatMap(ignored -> lowStock(tx, rule, available, "available"));
                                }
                                return chain;
                            });
                });
    }

    private Uni<Void> outOfStock(SqlConnection tx, String sku, Totals before, Totals after) {
        String subject = "sku:" + sku;
        if (after.sellable() > 0) {
            return alerts.autoResolve(tx, AlertTypes.OUT_OF_STOCK, subject).replaceWithVoid();
        }
        if (before.positions() > 0 && before.sellable() > 0) {
            JsonObject details =
                    new JsonObject().put("sku", sku).put("sellable", 0).put("inbound", after.inbound());
            return alerts.raise(
                            tx,
                            AlertDraft.of(
                                    AlertTypes.OUT_OF_STOCK,
                                    Severity.critical,
                                    subject,
                                    sku + " is out of stock at every location",
                                    details),
                            false)
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> locationRules(SqlConnection tx, StockChanged event, Totals after) {
        String sql = RULES + "channel_id is null and (location_id is null or location_id = $2) order by id for update";
        return RuleView.select(tx, sql, Tuple.of(event.sku(), event.locationId()))
                .flatMap(rules -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (RuleView rule : rules) {
                        int value = rule.locationId() == null ? (int) after.sellable() : event.sellable();
                        chain = chain.flatMap(ignored -> lowStock(tx, rule, value, "sellable"));
                    }
                    return chain;
                });
    }

    private Uni<Void> lowStock(SqlConnection tx, RuleView rule, int value, String measure) {
        int threshold = rule.threshold();
        if (rule.armed() && value <= threshold) {
            JsonObject details = new JsonObject()
                    .put("sku", rule.sku())
                    .put("locationId", rule.locationId())
                    .put("channelId", rule.channelId())
                    .put(measure, value)
                    .put("threshold", threshold)
                    .put("rearmAbove", threshold + rule.rearmMargin());
            String summary = rule.subject() + " is low: " + measure + " " + value + " <= threshold " + threshold;
            AlertDraft draft = new AlertDraft(
                    AlertTypes.LOW_STOCK,
                    Severity.valueOf(rule.severity()),
                    rule.subject(),
                    summary,
                    details,
                    rule.id());
            return alerts.raise(tx, draft, false).flatMap(ignored -> setArmed(tx, rule, false));
        }
        if (!rule.armed() && value > threshold + rule.rearmMargin()) {
            return setArmed(tx, rule, true)
                    .flatMap(ignored -> alerts.autoResolve(tx, AlertTypes.LOW_STOCK, rule.subject()))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> setArmed(SqlConnection tx, RuleView rule, boolean armed) {
        return tx.preparedQuery("update alert_rule set armed = $2 where id = $1")
                .execute(Tuple.of(rule.id(), armed))
                .replaceWithVoid();
    }
}

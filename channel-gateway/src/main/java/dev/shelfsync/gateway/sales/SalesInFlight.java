package dev.shelfsync.gateway.sales;

import dev.shelfsync.contracts.inventory.SaleRef;
import dev.shelfsync.platform.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sales a marketplace has reported but inventory's availability does not include yet (table {@code sale_in_flight}).
 * Every push subtracts them, on every channel of the SKU: for the selling store they are units it already took off
 * its own shelf, for the others units that are gone even though availability still counts them.
 *
 * <p>Each method runs inside the caller's transaction; those that return channels return the ones whose listings now
 * need a push, to be woken after commit.
 */
@ApplicationScoped
public class SalesInFlight {

    private static final String RECORD =
            "insert into sale_in_flight (channel_id, external_order_id, sku, units, trace_parent)"
                    + " values ($1, $2, $3, $4, $5) on conflict do nothing";
    // The selling channel's listings show the sale already: it counts as sold since their last push, unless the buyer
    // placed it over a second before the last push was sent to the store (a webhook late, or one reconciliation
    // recovered): that push set the shelf after the sale had lowered it, so counting it would leave the store a unit
    // high. The send, not the recording: a listing is also recorded as in step without any request, which changes
    // nothing on the shelf. Within the
    // second (order times come in whole seconds) it counts: not counting a sale the shelf does show would push a
    // fenced store over another sale still on its way. Only that channel's
    // rows, in key order (as AvailabilityService and SalesSignal lock them), so this never deadlocks with
    // them; the other channels are told after commit by SalesSignal, outside the webhook's transaction.
    private static final String SOLD_ON_OWN_LISTINGS = "with target as (select listing_id from listing_mapping"
            + " where channel_id = $1 and listing_id = any($2) order by listing_id for update)"
            + " update listing_mapping m set sold_since_push = m.sold_since_push"
            + " + coalesce(($3::jsonb ->> m.listing_id)::int, 0)"
            + " from target t where m.channel_id = $1 and m.listing_id = t.listing_id"
            + " and ($4::timestamptz is null or m.push_sent_at is null or m.push_sent_at < $4 + interval '1 second')";
    private static final String VOID =
            "delete from sale_in_flight where channel_id = $1 and external_order_id = $2" + " returning sku";
    // Waits for an availability change of these SKUs that is committing right now, and holds the next one back until
    // this transaction commits: either this transaction sees the new version, or that change sees the marked rows.
    private static final String HOLD_VERSIONS =
            "select sku from sku_availability where sku = any($1) order by sku for share";
    private static final String REFLECTED_AT =
            "update sale_in_flight set reflected_version = $4 where channel_id = $1 and external_order_id = $2"
                    + " and sku = $3 and reflected_version is null";
    // Availability may have overtaken the routing report: then the sale is already counted there.
    private static final String ALREADY_REFLECTED = "delete from sale_in_flight s using sku_availability a"
            + " where s.channel_id = $1 and s.external_order_id = $2 and a.sku = s.sku"
            + " and s.reflected_version <= a.version returning s.sku";
    private static final String REFLECTED_BY = "delete from sale_in_flight where sku = $1 and (reflected_version <= $2"
            + " or (channel_id, external_order_id) in (select * from unnest($3::text[], $4::text[])))";
    private static final String EXPIRED = "delete from sale_in_flight"
            + " where received_at < now() - $1::bigint * interval '1 millisecond' returning sku";

    /**
     * An accepted order: its units count as sold on every channel of its SKUs from now on. The listings that must
     * show it are told after commit ({@link SalesSignal}).
     *
     * @param unitsBySku SKU units per SKU
     * @param soldByListing listing units per listing of the selling channel
     * @param placedAt when the buyer placed the order, by the marketplace's clock; null when unknown
     */
    public Uni<Void> received(
            SqlConnection tx,
            String channelId,
            String externalOrderId,
            Map<String, Integer> unitsBySku,
            Map<String, Integer> soldByListing,
            Instant placedAt) {
        if (unitsBySku.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The webhook's span: the pushes that subtract this sale are traced as its children.
        String traceParent = TraceParents.current();
        List<Tuple> rows = new ArrayList<>();
        unitsBySku.forEach((sku, units) -> rows.add(Tuple.of(channelId, externalOrderId, sku, units, traceParent)));
        String[] listings = soldByListing.keySet().stream().sorted().toArray(String[]::new);
        JsonObject sold = new JsonObject(new HashMap<>(soldByListing));
        return tx.preparedQuery(RECORD)
                .executeBatch(rows)
                .flatMap(ignored -> tx.preparedQuery(SOLD_ON_OWN_LISTINGS)
                        .execute(Tuple.of(
                                channelId,
                                listings,
                                sold,
                                placedAt == null ? null : placedAt.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The order will not take stock (cancelled, unfulfillable): its units are sellable again everywhere. */
    public Uni<Set<String>> voided(SqlConnection tx, String channelId, String externalOrderId) {
        return tx.preparedQuery(VOID)
                .execute(Tuple.of(channelId, externalOrderId))
                .flatMap(deleted -> bumpAll(tx, deleted));
    }

    /**
     * Inventory reserved the order; its sale stays in flight until the availability version that includes it has
     * been applied, and is dropped at once if that happened already.
     *
     * @param versionBySku from {@code orders.routed}; empty from producers that predate it
     */
    public Uni<Set<String>> reserved(
            SqlConnection tx, String channelId, String externalOrderId, Map<String, Long> versionBySku) {
        List<Tuple> rows = new ArrayList<>();
        versionBySku.forEach((sku, version) -> rows.add(Tuple.of(channelId, externalOrderId, sku, version)));
        if (rows.isEmpty()) {
            // A producer that does not say which version includes it: inventory published that version in the
            // reservation's own transaction, before routing heard back, so it has almost surely arrived.
            return voided(tx, channelId, externalOrderId);
        }
        return tx.preparedQuery(HOLD_VERSIONS)
                .execute(Tuple.of(skus(versionBySku.keySet())))
                .flatMap(held -> tx.preparedQuery(REFLECTED_AT).executeBatch(rows))
                .flatMap(ignored -> tx.preparedQuery(ALREADY_REFLECTED).execute(Tuple.of(channelId, externalOrderId)))
                .flatMap(deleted -> bumpAll(tx, deleted));
    }

    /**
     * An availability version arrived: the sales it names, and those routing reported at or below it, are counted
     * there from now on. Removed in the transaction that applies the version, so no push counts a sale twice.
     */
    public Uni<Void> reflectedBy(SqlConnection tx, String sku, long version, List<SaleRef> sales) {
        String[] channels = sales.stream().map(SaleRef::channelId).toArray(String[]::new);
        String[] orders = sales.stream().map(SaleRef::externalOrderId).toArray(String[]::new);
        return tx.preparedQuery(REFLECTED_BY)
                .execute(Tuple.of(sku, version, channels, orders))
                .replaceWithVoid();
    }

    /**
     * Sales unresolved for longer than {@code after} (a lost routing report, an order routing never took): they stop
     * holding stock back. Routing answers in seconds, so this only bounds the damage of a message that never comes.
     */
    public Uni<Set<String>> expire(SqlConnection tx, Duration after) {
        return tx.preparedQuery(EXPIRED).execute(Tuple.of(after.toMillis())).flatMap(deleted -> bumpAll(tx, deleted));
    }

    private static Uni<Set<String>> bumpAll(SqlConnection tx, RowSet<Row> deletedSkus) {
        Set<String> skus = new LinkedHashSet<>();
        deletedSkus.forEach(row -> skus.add(row.getString("sku")));
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return tx.preparedQuery(SalesSignal.BUMP).execute(Tuple.of(skus(skus))).map(SalesInFlight::channels);
    }

    private static String[] skus(Set<String> skus) {
        return skus.stream().sorted().toArray(String[]::new);
    }

    private static Set<String> channels(RowSet<Row> rows) {
        Set<String> channels = new LinkedHashSet<>();
        rows.forEach(row -> channels.add(row.getString("channel_id")));
        return channels;
    }
}

package dev.shelfsync.gateway.reconcile;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelDriftDetected;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What reconciliation reads and writes in the gateway database. */
@ApplicationScoped
public class ReconcileStore {

    /** A listing whose last push reached the marketplace at the version Shelfsync wants. */
    record SyncedListing(String listingId, String itemId, String sku, int desired, long version) {}

    // In sync, without a push error, without a sale of the SKU in flight and without an order on this listing in the
    // grace period: a sale the marketplace already counted but inventory has not answered yet is not drift.
    private static final String SYNCED = "select m.listing_id, coalesce(m.inventory_item_id, m.listing_id) as item_id,"
            + " m.sku, m.desired_quantity, m.desired_version from listing_mapping m"
            + " where m.channel_id = $1 and m.desired_version is not null and m.pushed_version = m.desired_version"
            + " and m.pushed_sales_seq = m.sales_seq"
            + " and not exists (select 1 from sale_in_flight s where s.sku = m.sku)"
            + " and m.push_error is null and m.pushed_at < now() - $2::bigint * interval '1 millisecond'"
            + " and not exists (select 1 from channel_order_line l join channel_order o"
            + " on o.channel_id = l.channel_id and o.external_order_id = l.external_order_id"
            + " where l.channel_id = m.channel_id and l.listing_id = m.listing_id"
            + " and o.updated_at > now() - $2::bigint * interval '1 millisecond')"
            + " order by m.listing_id";
    // Marks the listing for a push again at the same version, only if nothing moved since it was read.
    private static final String REPUSH = "update listing_mapping set pushed_quantity = $4,"
            + " pushed_version = desired_version - 1, push_error = null"
            + " where channel_id = $1 and listing_id = $2 and desired_version = $3 and pushed_version = $3";

    // Per channel that can be reconciled, how long until its sweep lease is free (null or <= 0: now); the lease is
    // free once it expired and its not-before passed (ChannelLeases), i.e. at the later of the two.
    private static final String DUE = "select c.id, extract(epoch from greatest(l.not_before, l.expires_at) - now())"
            + " * 1000 as due_in_ms from channel c"
            + " left join channel_lease l on l.channel_id = c.id and l.purpose = 'reconcile'"
            + " where c.active and c.api_base_url is not null and c.type = any($1)";

    static final String UNAVAILABLE = "marketplace-unavailable";
    static final String FAILED = "failed";

    // A sweep that did not complete leaves what the last completed one found; one without drift leaves the last drift.
    private static final String RUN =
            "insert into channel_reconcile_run (channel_id, run_at, outcome) values ($1, now(),"
                    + " $2) on conflict (channel_id) do update set run_at = excluded.run_at, outcome = excluded.outcome";
    private static final String COMPLETED_RUN = "insert into channel_reconcile_run as r (channel_id, run_at, outcome,"
            + " completed_at, listings_checked, orders_recovered, drift_found_at, drifted_listings, drift_total)"
            + " values ($1, now(), 'completed', now(), $2, $3, $4, $5::text[],"
            + " coalesce(cardinality($5::text[]), 0))"
            + " on conflict (channel_id) do update set run_at = excluded.run_at, outcome = excluded.outcome,"
            + " completed_at = excluded.completed_at, listings_checked = excluded.listings_checked,"
            + " orders_recovered = excluded.orders_recovered,"
            + " drift_found_at = coalesce(excluded.drift_found_at, r.drift_found_at),"
            + " drifted_listings = coalesce(excluded.drifted_listings, r.drifted_listings),"
            + " drift_total = r.drift_total + excluded.drift_total";

    /** Which channels may be swept now, and how long until the next one may (null: none waits). */
    record Due(Set<String> now, Duration next) {}

    private final Pool pool;
    private final OutboxWriter outbox;

    public ReconcileStore(Pool pool, OutboxWriter outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    Uni<Due> due(List<String> types) {
        return pool.preparedQuery(DUE)
                .execute(Tuple.of(types.toArray(new String[0])))
                .map(rows -> {
                    Set<String> now = new HashSet<>();
                    Double next = null;
                    for (Row row : rows) {
                        Double dueIn = row.getDouble("due_in_ms");
                        if (dueIn == null || dueIn <= 0) {
                            now.add(row.getString("id"));
                        } else if (next == null || dueIn < next) {
                            next = dueIn;
                        }
                    }
                    return new Due(now, next == null ? null : Duration.ofMillis((long) Math.ceil(next)));
                });
    }

    Uni<Set<String>> receivedOrders(String channelId, Set<String> externalOrderIds) {
        return pool.preparedQuery("select external_order_id from channel_order where channel_id = $1"
                        + " and received and external_order_id = any($2)")
                .execute(Tuple.of(channelId, externalOrderIds.toArray(new String[0])))
                .map(rows -> {
                    Set<String> known = new HashSet<>();
                    rows.forEach(row -> known.add(row.getString("external_order_id")));
                    return known;
                });
    }

    Uni<List<SyncedListing>> syncedListings(String channelId, Duration grace) {
        return pool.preparedQuery(SYNCED)
                .execute(Tuple.of(channelId, grace.toMillis()))
                .map(rows -> {
                    List<SyncedListing> listings = new ArrayList<>();
                    for (Row row : rows) {
                        listings.add(new SyncedListing(
                                row.getString("listing_id"),
                                row.getString("item_id"),
                                row.getString("sku"),
                                row.getInteger("desired_quantity"),
                                row.getLong("desired_version")));
                    }
                    return listings;
                });
    }

    /** The channel's last sweep completed (for its health). */
    Uni<Void> sweepCompleted(String channelId, Instant startedAt, Sweep sweep) {
        boolean drift = !sweep.drifted().isEmpty();
        return pool.preparedQuery(COMPLETED_RUN)
                .execute(Tuple.tuple()
                        .addString(channelId)
                        .addInteger(sweep.listingsChecked())
                        .addInteger(sweep.ordersRecovered())
                        .addOffsetDateTime(drift ? startedAt.atOffset(ZoneOffset.UTC) : null)
                        .addArrayOfString(drift ? sweep.drifted().toArray(new String[0]) : null))
                .replaceWithVoid();
    }

    /** The channel's last sweep ended early ({@link #UNAVAILABLE} or {@link #FAILED}). */
    Uni<Void> sweepNotCompleted(String channelId, String outcome) {
        return pool.preparedQuery(RUN).execute(Tuple.of(channelId, outcome)).replaceWithVoid();
    }

    /** Records drift and queues the repush, with its event, in one transaction; false if the listing moved. */
    Uni<Boolean> drift(String channelId, SyncedListing listing, int observed) {
        return pool.withTransaction(tx -> tx.preparedQuery(REPUSH)
                .execute(Tuple.of(channelId, listing.listingId(), listing.version(), observed))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return outbox.append(
                                    tx,
                                    RoutingKeys.DRIFT_DETECTED,
                                    channelId + ":" + listing.listingId(),
                                    listing.version(),
                                    new ChannelDriftDetected(
                                            channelId, listing.listingId(), listing.sku(), listing.desired(), observed))
                            .replaceWith(true);
                }));
    }
}

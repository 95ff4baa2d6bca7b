package dev.shelfsync.gateway.listing;

import dev.shelfsync.gateway.push.ListingQuantity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a listing explanation with the pushers' own SQL ({@link ListingQuantity}), in one snapshot, so the terms
 * shown are the terms the quantity was computed from.
 */
@ApplicationScoped
public class ListingExplanations {

    private static final String SNAPSHOT = "set transaction isolation level repeatable read, read only";
    private static final String LISTINGS = "select m.listing_id, m.pack_size, a.version,"
            + " " + ListingQuantity.AVAILABLE + " as available,"
            + " (a.channels ->> m.channel_id) is null as default_pool,"
            + " (a.fences ->> m.channel_id)::int as own_fence,"
            + " coalesce(f.units, 0) as subtracted,"
            + " " + ListingQuantity.QUANTITY + " as quantity,"
            + " m.desired_version, m.pushed_quantity, m.pushed_version, m.sold_since_push, m.pushed_at,"
            + " m.push_sent_at, m.push_acknowledged_at, m.push_error"
            + " from listing_mapping m left join sku_availability a on a.sku = m.sku"
            + ListingQuantity.IN_FLIGHT_JOIN
            + " where m.channel_id = $1 and m.sku = $2 order by m.listing_id";
    // The same grouping the quantity subtracts, per selling channel, for the channel and SKU asked about.
    private static final String BY_CHANNEL = "select g.channel_id, g.units, (a.fences ->> g.channel_id)::int as fence,"
            + " (" + ListingQuantity.SUBTRACTED + ")::int as subtracted"
            + " from (select $1::text as channel_id, $2::text as sku) m join sku_availability a on a.sku = m.sku"
            + " cross join lateral (" + ListingQuantity.IN_FLIGHT_BY_CHANNEL + ") g order by g.channel_id";
    private static final String SALES = "select s.channel_id, s.external_order_id, s.units, s.received_at"
            + " from sale_in_flight s join sku_availability a on a.sku = s.sku where s.sku = $1"
            + " and (s.reflected_version is null or s.reflected_version > a.version)"
            + " order by s.received_at, s.channel_id, s.external_order_id";

    private final Pool pool;

    public ListingExplanations(Pool pool) {
        this.pool = pool;
    }

    /** @return null when the channel has no listing of the SKU */
    public Uni<ListingExplanation> explain(String channelId, String sku) {
        return pool.withTransaction(tx -> tx.query(SNAPSHOT)
                .execute()
                .flatMap(ignored -> tx.preparedQuery(LISTINGS).execute(Tuple.of(channelId, sku)))
                .flatMap(listings -> {
                    if (listings.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    return rest(tx, channelId, sku, listings.iterator().next(), listings);
                }));
    }

    private static Uni<ListingExplanation> rest(
            SqlConnection tx, String channelId, String sku, Row first, Iterable<Row> listingRows) {
        Uni<List<ListingExplanation.ChannelSubtraction>> byChannel = tx.preparedQuery(BY_CHANNEL)
                .execute(Tuple.of(channelId, sku))
                .map(rows -> {
                    List<ListingExplanation.ChannelSubtraction> terms = new ArrayList<>();
                    rows.forEach(row -> terms.add(new ListingExplanation.ChannelSubtraction(
                            row.getString("channel_id"),
                            row.getInteger("units"),
                            row.getInteger("fence"),
                            row.getInteger("subtracted"))));
                    return terms;
                });
        return byChannel.flatMap(
                terms -> tx.preparedQuery(SALES).execute(Tuple.of(sku)).map(rows -> {
                    List<ListingExplanation.SaleInFlight> sales = new ArrayList<>();
                    rows.forEach(row -> sales.add(new ListingExplanation.SaleInFlight(
                            row.getString("channel_id"),
                            row.getString("external_order_id"),
                            row.getInteger("units"),
                            row.getOffsetDateTime("received_at"))));
                    boolean known = first.getLong("version") != null;
                    Integer ownFence = first.getInteger("own_fence");
                    List<ListingExplanation.Listing> listings = new ArrayList<>();
                    listingRows.forEach(row -> listings.add(listing(row, ownFence != null)));
                    return new ListingExplanation(
                            channelId,
                            sku,
                            known
                                    ? new ListingExplanation.Availability(
                                            first.getInteger("available"),
                                            first.getLong("version"),
                                            first.getBoolean("default_pool"),
                                            ownFence)
                                    : null,
                            sales,
                            terms,
                            first.getInteger("subtracted"),
                            listings);
                }));
    }

    private static ListingExplanation.Listing listing(Row row, boolean fenced) {
        Integer pushed = row.getInteger("pushed_quantity");
        int sold = row.getInteger("sold_since_push");
        Integer quantity = row.getInteger("quantity");
        return new ListingExplanation.Listing(
                row.getString("listing_id"),
                row.getInteger("pack_size"),
                quantity == null ? 0 : quantity,
                row.getLong("desired_version"),
                pushed,
                row.getLong("pushed_version"),
                row.getOffsetDateTime("pushed_at"),
                row.getOffsetDateTime("push_sent_at"),
                row.getOffsetDateTime("push_acknowledged_at"),
                row.getString("push_error"),
                fenced ? new ListingExplanation.ShelfRule(sold, pushed == null ? null : pushed - sold) : null);
    }
}

package dev.shelfsync.gateway.push;

/**
 * The one place the quantity a listing should show is written down, as SQL over {@code listing_mapping m} and its
 * SKU's {@code sku_availability a}: what the pushers push and what the explanation shows are the same expression.
 *
 * <p>A listing shows its channel's availability less the sales in flight that lower it, floor per pack. Its own
 * channel's sales always do; another channel's only beyond what is left of that channel's ring-fence (a sale inside
 * a fence leaves everyone else's number unchanged; without a fence the remaining is 0).
 */
public final class ListingQuantity {

    /** The availability inventory gave the listing's channel (the default pool when it names no number for it). */
    public static final String AVAILABLE = "coalesce((a.channels ->> m.channel_id)::int, a.default_available)";

    /** Per selling channel {@code g.channel_id}: units of its sales in flight on the SKU ({@code g.units}). */
    public static final String IN_FLIGHT_BY_CHANNEL = "select s.channel_id, sum(s.units)::int as units"
            + " from sale_in_flight s where s.sku = m.sku"
            + " and (s.reflected_version is null or s.reflected_version > a.version) group by s.channel_id";

    /** Of {@code g}'s units in flight, those that lower listing {@code m}'s number. */
    public static final String SUBTRACTED = "case when g.channel_id = m.channel_id then g.units"
            + " else greatest(0, g.units - coalesce((a.fences ->> g.channel_id)::int, 0)) end";

    /** Joins {@code f.units}: every unit in flight that lowers the listing. */
    public static final String IN_FLIGHT_JOIN = " left join lateral (select sum(" + SUBTRACTED + ")::int as units"
            + " from (" + IN_FLIGHT_BY_CHANNEL + ") g) f on true";

    /** What the listing should show, in listing units; needs {@link #IN_FLIGHT_JOIN}. */
    public static final String QUANTITY = "greatest(0, " + AVAILABLE + " - coalesce(f.units, 0)) / m.pack_size";

    private ListingQuantity() {}
}

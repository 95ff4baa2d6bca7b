package dev.shelfsync.gateway.listing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Why a channel's listings of an SKU show what they show: the availability inventory gave the channel, the sales in
 * flight the gateway subtracts, the pack multiplier, and what was last pushed, sent and acknowledged. For each
 * listing, {@code quantity = max(0, available - subtracted) / packSize} (rounded down) is the number the pushers push.
 *
 * @param available inventory's availability for the channel, null before the SKU's first availability arrived
 * @param salesInFlight sales the marketplaces reported that inventory's availability does not include yet, oldest
 *     first
 * @param subtractedByChannel per selling channel, how many of its units in flight lower this channel's number
 * @param subtracted their sum
 */
public record ListingExplanation(
        String channelId,
        String sku,
        Availability available,
        List<SaleInFlight> salesInFlight,
        List<ChannelSubtraction> subtractedByChannel,
        int subtracted,
        List<Listing> listings) {

    /**
     * @param quantity what inventory gives the channel
     * @param version the availability version it came with
     * @param fromDefaultPool inventory named no number for the channel, so it shows the default pool
     * @param ownFenceRemaining what is left of the channel's own ring-fence, null when it has none
     */
    public record Availability(int quantity, long version, boolean fromDefaultPool, Integer ownFenceRemaining) {}

    /** @param committedAt when the sale's webhook was committed by the gateway */
    public record SaleInFlight(String channelId, String orderId, int units, OffsetDateTime committedAt) {}

    /**
     * @param units the channel's units in flight
     * @param fenceRemaining what is left of the selling channel's fence: its sales inside it lower only itself
     * @param subtracted units taken off this channel's number: all for its own sales, beyond the fence for others
     */
    public record ChannelSubtraction(String channelId, int units, Integer fenceRemaining, int subtracted) {}

    /**
     * One listing of the SKU on the channel.
     *
     * @param quantity the quantity the pushers want the store to show now
     * @param desiredVersion the availability version {@code quantity} is computed from
     * @param pushedQuantity the quantity last recorded as on the store, null if never pushed
     * @param recordedAt when that was recorded (after an acknowledged push, or when the store already showed it)
     * @param sentAt when the last push request was sent
     * @param acknowledgedAt when the store acknowledged it
     * @param shelfRule for a ring-fenced listing, how its shelf is compared; null otherwise
     */
    public record Listing(
            String listingId,
            int packSize,
            int quantity,
            Long desiredVersion,
            Integer pushedQuantity,
            Long pushedVersion,
            OffsetDateTime recordedAt,
            OffsetDateTime sentAt,
            OffsetDateTime acknowledgedAt,
            String pushError,
            ShelfRule shelfRule) {}

    /**
     * A ring-fenced listing is compared with the shelf Shelfsync believes the store shows: its own sales lower the
     * store and the quantity alike, so they never cause a push; only a change of the fence does.
     *
     * @param soldSincePush listing units the channel reported sold since the last push
     * @param believedShelf {@code pushedQuantity - soldSincePush}; a push happens only when it differs from quantity
     */
    public record ShelfRule(int soldSincePush, Integer believedShelf) {}
}

package dev.shelfsync.inventory.availability;

/**
 * Each step of a channel policy applied to the units left to the channel, in the order they apply; {@link
 * ChannelPolicy#terms} is the only place the steps are computed.
 *
 * @param unfenced sellable units at the channel's locations less what other channels' fences keep (never below 0)
 * @param sharePercent the channel's share of them
 * @param shared {@code unfenced * sharePercent / 100}, rounded down
 * @param buffer units held back against late syncs
 * @param buffered {@code shared - buffer}, never below 0
 * @param maxShown the cap, null for none
 * @param shown {@code buffered}, capped
 * @param backorderLimit units the channel may sell beyond stock
 * @param available {@code shown + backorderLimit}: what the channel is told
 */
public record PolicyTerms(
        int unfenced,
        int sharePercent,
        int shared,
        Buffer buffer,
        int buffered,
        Integer maxShown,
        int shown,
        int backorderLimit,
        int available) {

    /**
     * The safety buffer and how it was sized.
     *
     * @param mode {@code fixed}: the policy's (or the SKU's own) {@code safetyStock}; {@code auto}: sized from
     *     measurements, see {@code auto}
     * @param auto the measurements an auto buffer was sized from, null for a fixed one
     */
    public record Buffer(String mode, int units, AutoInputs auto) {

        public static Buffer fixed(int units) {
            return new Buffer("fixed", units, null);
        }
    }

    /**
     * What an auto buffer was sized from: {@code units = ceil(otherChannelsPerSecond * lagMillis / 1000)}, never
     * below {@code floor} (the policy's safetyStock) and, above the floor, never above {@code cap}.
     *
     * @param otherChannelsPerSecond units per second the SKU sold on every other channel over the velocity window
     * @param lagMillis this channel's sync lag, p99 over the gateway's window, or the assumed lag if unmeasured
     * @param lagMeasured false while the gateway has not measured this channel yet
     * @param floor the units held back at least
     * @param cap the configured maximum ({@code shelfsync.auto-buffer.max-units})
     */
    public record AutoInputs(double otherChannelsPerSecond, long lagMillis, boolean lagMeasured, int floor, int cap) {}
}

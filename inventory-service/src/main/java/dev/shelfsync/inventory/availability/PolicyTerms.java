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
     * @param mode {@code fixed}: the policy's {@code safetyStock}
     */
    public record Buffer(String mode, int units) {

        static Buffer fixed(int units) {
            return new Buffer("fixed", units);
        }
    }
}

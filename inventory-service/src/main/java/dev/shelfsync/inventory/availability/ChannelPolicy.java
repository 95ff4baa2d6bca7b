package dev.shelfsync.inventory.availability;

/**
 * How much of the sellable pool one channel may show.
 *
 * @param safetyStock units held back from the channel as a buffer against late syncs
 * @param maxShown cap on what the channel shows, or null for none
 * @param sharePercent share of the sellable pool offered to the channel
 * @param backorderLimit units the channel may sell beyond stock (pre-order / backorder)
 * @param ringFenced units kept for this channel alone: other channels never see or reserve them
 */
public record ChannelPolicy(
        String channelId, int safetyStock, Integer maxShown, int sharePercent, int backorderLimit, int ringFenced) {

    /** A channel without a policy of its own sees the whole pool. */
    public static ChannelPolicy open(String channelId) {
        return new ChannelPolicy(channelId, 0, null, 100, 0, 0);
    }

    /**
     * What the channel may show when {@code pool} units are sellable at the locations that serve it and
     * {@code fencedForOthers} of them are ring-fenced for other channels.
     */
    public int available(int pool, int fencedForOthers) {
        int open = Math.max(0, pool - fencedForOthers);
        int shown = Math.max(0, open * sharePercent / 100 - safetyStock);
        if (maxShown != null) {
            shown = Math.min(shown, maxShown);
        }
        return shown + backorderLimit;
    }
}

package dev.shelfsync.inventory.availability;

/**
 * How much of the sellable pool one channel may show.
 *
 * @param safetyStock units held back from the channel as a buffer against late syncs
 * @param maxShown cap on what the channel shows, or null for none
 * @param sharePercent share of the sellable pool offered to the channel
 * @param backorderLimit units the channel may sell beyond stock (pre-order / backorder)
 * @param ringFenced the channel's default ring-fence: the units it keeps of each SKU it has a fence on without
 *     units of its own (a default never reaches an SKU the channel has no fence on)
 * @param bufferMode {@code fixed}: the buffer is {@code safetyStock}; {@code auto}: the units the other channels
 *     sell during this channel's sync lag, at least {@code safetyStock} ({@link BufferSizing})
 */
public record ChannelPolicy(
        String channelId,
        int safetyStock,
        Integer maxShown,
        int sharePercent,
        int backorderLimit,
        int ringFenced,
        String bufferMode) {

    public static final String FIXED = "fixed";
    public static final String AUTO = "auto";

    /** A policy with a fixed buffer. */
    public ChannelPolicy(
            String channelId, int safetyStock, Integer maxShown, int sharePercent, int backorderLimit, int ringFenced) {
        this(channelId, safetyStock, maxShown, sharePercent, backorderLimit, ringFenced, FIXED);
    }

    /** A channel without a policy of its own sees the whole pool. */
    public static ChannelPolicy open(String channelId) {
        return new ChannelPolicy(channelId, 0, null, 100, 0, 0);
    }

    /**
     * What the channel may show when {@code pool} units are sellable at the locations that serve it and
     * {@code fencedForOthers} of them are ring-fenced for other channels.
     */
    public int available(int pool, int fencedForOthers) {
        return terms(pool, fencedForOthers).available();
    }

    /** The same computation as {@link #available}, step by step: share, then buffer, then cap, then backorder. */
    public PolicyTerms terms(int pool, int fencedForOthers) {
        return terms(pool, fencedForOthers, PolicyTerms.Buffer.fixed(safetyStock));
    }

    /** {@link #terms(int, int)} with the buffer sized elsewhere (an SKU's own, or an auto buffer). */
    public PolicyTerms terms(int pool, int fencedForOthers, PolicyTerms.Buffer buffer) {
        int unfenced = Math.max(0, pool - fencedForOthers);
        int shared = unfenced * sharePercent / 100;
        int buffered = Math.max(0, shared - buffer.units());
        int shown = maxShown == null ? buffered : Math.min(buffered, maxShown);
        return new PolicyTerms(
                unfenced,
                sharePercent,
                shared,
                buffer,
                buffered,
                maxShown,
                shown,
                backorderLimit,
                shown + backorderLimit);
    }
}

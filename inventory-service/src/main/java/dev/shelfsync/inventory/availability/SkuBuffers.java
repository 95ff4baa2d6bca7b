package dev.shelfsync.inventory.availability;

import java.util.Map;
import java.util.Set;

/**
 * What sizes one SKU's buffer on each channel: the SKU's own buffers where it has them (overriding the channel
 * policy's), its sale velocity per channel and the channels' sync lags.
 *
 * @param overrides the SKU's own buffer per channel
 * @param unitsPerSecond the SKU's recent sale velocity per channel
 * @param lagMillis each measured channel's sync lag p99
 */
public record SkuBuffers(
        Map<String, Override> overrides,
        Map<String, Double> unitsPerSecond,
        Map<String, Long> lagMillis,
        BufferSizing sizing) {

    /** The SKU's own buffer on one channel. */
    public record Override(String bufferMode, int safetyStock) {}

    /** No SKU override and no auto buffer anywhere: every buffer is the policy's fixed one. */
    public static SkuBuffers policiesOnly() {
        return new SkuBuffers(Map.of(), Map.of(), Map.of(), new BufferSizing(0, 0));
    }

    /** The buffer of the channel the policy is for. */
    public PolicyTerms.Buffer of(ChannelPolicy policy) {
        Override own = policy.channelId() == null ? null : overrides.get(policy.channelId());
        String mode = own == null ? policy.bufferMode() : own.bufferMode();
        int floor = own == null ? policy.safetyStock() : own.safetyStock();
        if (!ChannelPolicy.AUTO.equals(mode)) {
            return PolicyTerms.Buffer.fixed(floor);
        }
        return sizing.size(floor, otherChannelsPerSecond(policy.channelId()), lagMillis.get(policy.channelId()));
    }

    /** Channels whose number may differ from the default pool's because of this SKU's own buffer. */
    public Set<String> channels() {
        return overrides.keySet();
    }

    private double otherChannelsPerSecond(String channel) {
        return unitsPerSecond.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(channel))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}

package dev.shelfsync.inventory.availability;

import dev.shelfsync.inventory.config.AutoBufferConfig;

/**
 * The rule of auto buffers: hold back what the other channels sell while this channel's store still shows the
 * number from before their sales. A store that lags {@code L} behind the sales elsewhere, while they sell {@code v}
 * units a second, can sell up to {@code v * L} units that are already gone.
 *
 * @param maxUnits the configured cap; the merchant's own floor (safetyStock) is kept even above it
 * @param unmeasuredLagMillis the lag assumed until the gateway has measured the channel
 */
public record BufferSizing(int maxUnits, long unmeasuredLagMillis) {

    public static BufferSizing of(AutoBufferConfig config) {
        return new BufferSizing(config.maxUnits(), config.unmeasuredLag().toMillis());
    }

    /**
     * @param floor units held back at least (the policy's or the SKU's safetyStock)
     * @param otherChannelsPerSecond the SKU's sale velocity over every other channel
     * @param measuredLagMillis the channel's sync lag p99, null when not measured yet
     */
    public PolicyTerms.Buffer size(int floor, double otherChannelsPerSecond, Long measuredLagMillis) {
        long lag = measuredLagMillis == null ? unmeasuredLagMillis : measuredLagMillis;
        double soldDuringLag = Math.max(0, otherChannelsPerSecond) * lag / 1000.0;
        // A hair below a whole unit is that unit (floating point), not the next one.
        int needed = (int) Math.min(maxUnits, Math.ceil(soldDuringLag - 1e-9));
        return new PolicyTerms.Buffer(
                ChannelPolicy.AUTO,
                Math.max(floor, needed),
                new PolicyTerms.AutoInputs(
                        Math.round(otherChannelsPerSecond * 100) / 100.0,
                        lag,
                        measuredLagMillis != null,
                        floor,
                        maxUnits));
    }
}

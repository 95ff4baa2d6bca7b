package dev.shelfsync.contracts.channels;

import java.time.Instant;

/**
 * A channel's sync lag as the gateway measures it: from a sale's webhook commit on another channel to this
 * channel's store acknowledging the first push that shows it, p99 over the last {@code windowSeconds}. Published
 * every few seconds while the channel has samples; inventory sizes auto buffers from it.
 */
public record ChannelSyncLagMeasured(
        String channelId, long p99Millis, int samples, long windowSeconds, Instant measuredAt) {}

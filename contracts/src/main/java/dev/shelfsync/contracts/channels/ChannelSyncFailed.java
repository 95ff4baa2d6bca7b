package dev.shelfsync.contracts.channels;

import java.time.Instant;

/** Quantity pushes to a channel have failed for longer than the configured bound. */
public record ChannelSyncFailed(String channelId, String reason, Instant failingSince, int pendingListings) {}

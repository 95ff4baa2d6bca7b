package dev.shelfsync.contracts.channels;

/** Reconciliation found a listing showing another quantity than Shelfsync wants it to show. */
public record ChannelDriftDetected(String channelId, String listingId, String sku, int expected, int observed) {}

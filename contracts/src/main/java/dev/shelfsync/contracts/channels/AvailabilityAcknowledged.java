package dev.shelfsync.contracts.channels;

/**
 * Every listing of the SKU on the channel's store shows availability of {@code version} or later: the store
 * acknowledged a push of it, or already showed its number. Published for channels with a ring-fence on the SKU.
 */
public record AvailabilityAcknowledged(String channelId, String sku, long version) {}

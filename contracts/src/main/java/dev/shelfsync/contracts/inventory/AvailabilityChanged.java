package dev.shelfsync.contracts.inventory;

import java.util.Map;

/**
 * What each channel may now show for a SKU. The envelope carries the same {@code version}.
 *
 * @param version per-SKU version that only grows; an older one never overwrites a newer one
 * @param defaultAvailable for channels without a policy of their own: sellable over all active locations
 * @param channels channel id to available quantity, for channels with a policy
 */
public record AvailabilityChanged(String sku, long version, int defaultAvailable, Map<String, Integer> channels) {}

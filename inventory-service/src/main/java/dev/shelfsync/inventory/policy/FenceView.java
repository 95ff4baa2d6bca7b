package dev.shelfsync.inventory.policy;

/**
 * A channel's fence on one SKU.
 *
 * @param ringFenced the units set for this SKU, null when it takes the channel's default
 * @param effective the units the fence keeps: {@code ringFenced}, or the channel's default
 * @param channelDefault whether {@code effective} is the channel's default
 */
public record FenceView(String sku, String channelId, Integer ringFenced, int effective, boolean channelDefault) {}

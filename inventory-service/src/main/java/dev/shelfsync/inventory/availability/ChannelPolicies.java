package dev.shelfsync.inventory.availability;

import java.util.List;

/**
 * The channel policies, read once per transaction, and whether any SKU has a ring-fence: only then do
 * reservations per channel matter.
 */
public record ChannelPolicies(List<ChannelPolicy> channels, boolean anyFence) {}

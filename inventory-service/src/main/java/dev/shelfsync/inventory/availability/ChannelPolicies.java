package dev.shelfsync.inventory.availability;

import java.util.List;

/**
 * The channel policies, read once per transaction; whether any SKU has a ring-fence (only then do reservations per
 * channel matter) and whether any buffer is an SKU's own or auto (only then are buffer inputs read).
 */
public record ChannelPolicies(List<ChannelPolicy> channels, boolean anyFence, boolean anyBufferInputs) {}

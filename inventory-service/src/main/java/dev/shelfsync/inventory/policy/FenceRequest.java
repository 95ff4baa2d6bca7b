package dev.shelfsync.inventory.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A channel's fence on one SKU, which also says the channel sells it.
 *
 * @param ringFenced units kept for the channel alone; null (or omitted) takes the channel's default
 */
public record FenceRequest(@Min(0) @Max(1_000_000) Integer ringFenced) {}

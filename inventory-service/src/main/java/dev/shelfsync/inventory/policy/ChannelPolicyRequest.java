package dev.shelfsync.inventory.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** What a channel may show of the sellable pool; omitted fields take the neutral value. */
public record ChannelPolicyRequest(
        @Min(0) @Max(1_000_000) Integer safetyStock,
        @Min(0) @Max(1_000_000) Integer maxShown,
        @Min(0) @Max(100) Integer sharePercent,
        @Min(0) @Max(1_000_000) Integer backorderLimit,
        @Min(0) @Max(1_000_000) Integer ringFenced) {}

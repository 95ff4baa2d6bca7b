package dev.shelfsync.inventory.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * What a channel may show of the sellable pool; omitted fields take the neutral value.
 *
 * @param bufferMode {@code fixed} (default): the buffer is safetyStock; {@code auto}: sized from the channel's sync
 *     lag and the other channels' sales, at least safetyStock
 */
public record ChannelPolicyRequest(
        @Min(0) @Max(1_000_000) Integer safetyStock,
        @Min(0) @Max(1_000_000) Integer maxShown,
        @Min(0) @Max(100) Integer sharePercent,
        @Min(0) @Max(1_000_000) Integer backorderLimit,
        @Min(0) @Max(1_000_000) Integer ringFenced,
        @Pattern(regexp = "fixed|auto", message = "must be fixed or auto") String bufferMode) {}

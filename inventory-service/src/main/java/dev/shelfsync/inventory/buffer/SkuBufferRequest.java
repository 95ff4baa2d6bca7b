package dev.shelfsync.inventory.buffer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An SKU's own buffer on one channel, in place of the channel policy's.
 *
 * @param bufferMode {@code fixed}: hold back safetyStock; {@code auto}: size it from measurements, at least
 *     safetyStock
 */
public record SkuBufferRequest(
        @NotNull @Pattern(regexp = "fixed|auto", message = "must be fixed or auto") String bufferMode,
        @Min(0) @Max(1_000_000) Integer safetyStock) {}

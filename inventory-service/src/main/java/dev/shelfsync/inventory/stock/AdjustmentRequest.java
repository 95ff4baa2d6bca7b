package dev.shelfsync.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Moves one stock state of an SKU at a location by {@code delta} units, for a stated reason.
 *
 * @param state which number changes: on_hand, damaged, quality_hold or inbound (reserved moves only through orders)
 * @param reason receipt, correction, found, lost, damage, return or cycle-count
 */
public record AdjustmentRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String locationId,
        @NotNull @Pattern(regexp = "on_hand|damaged|quality_hold|inbound") String state,
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @NotNull @Pattern(regexp = "receipt|correction|found|lost|damage|return|cycle-count") String reason,
        @Size(max = 128) String actor,
        @Size(max = 128) String correlationId) {

    StockChange toChange() {
        int d = delta;
        String who = actor == null ? "api" : actor;
        return switch (state) {
            case "on_hand" -> new StockChange(sku, locationId, d, 0, 0, 0, 0, reason, who, correlationId);
            case "damaged" -> new StockChange(sku, locationId, 0, 0, d, 0, 0, reason, who, correlationId);
            case "quality_hold" -> new StockChange(sku, locationId, 0, 0, 0, d, 0, reason, who, correlationId);
            case "inbound" -> new StockChange(sku, locationId, 0, 0, 0, 0, d, reason, who, correlationId);
            default -> throw new IllegalArgumentException("unknown state " + state);
        };
    }
}

package dev.shelfsync.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Damaged units leave the building: damaged and on_hand both drop. */
public record WriteOffRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String locationId,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @Size(max = 128) String actor,
        @Size(max = 128) String correlationId) {

    StockChange toChange() {
        return new StockChange(
                sku,
                locationId,
                -quantity,
                0,
                -quantity,
                0,
                0,
                "write-off",
                actor == null ? "api" : actor,
                correlationId);
    }
}

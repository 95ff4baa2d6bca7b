package dev.shelfsync.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A cycle count: the units physically found at a location. */
public record CountRequest(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String locationId,
        @NotNull @Min(0) @Max(10_000_000) Integer countedOnHand,
        @NotBlank @Size(max = 128) String countId,
        @Size(max = 128) String actor) {

    String actorOrDefault() {
        return actor == null ? "api" : actor;
    }
}

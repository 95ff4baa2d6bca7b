package dev.shelfsync.returns.rma;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where inspected units of one SKU go.
 *
 * @param dispositionId the client's id for this decision; repeating it changes nothing (idempotency key)
 * @param disposition restock (to sellable), refurbish (stays on hold, needs a work note), discard (written off as
 *     damaged) or return-to-vendor
 * @param fromRefurbishment true to release units that are in refurbishment (restock, discard or return-to-vendor)
 */
public record DispositionRequest(
        @NotBlank @Size(max = 128) String dispositionId,
        @NotBlank @Size(max = 64) String sku,
        @NotNull @Min(1) @Max(10_000) Integer quantity,
        @NotNull @Pattern(regexp = "restock|refurbish|discard|return-to-vendor") String disposition,
        Boolean fromRefurbishment,
        @Size(max = 2000) String note) {

    boolean releasesRefurbishment() {
        return Boolean.TRUE.equals(fromRefurbishment);
    }
}

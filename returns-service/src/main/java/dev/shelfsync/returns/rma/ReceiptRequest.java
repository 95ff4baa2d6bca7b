package dev.shelfsync.returns.rma;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One scan at the receiving desk.
 *
 * @param scanId the scanner's id for this scan; repeating it changes nothing (idempotency key)
 * @param code the scanned SKU or barcode
 * @param quantity units received with this scan, 1 when absent
 */
public record ReceiptRequest(
        @NotBlank @Size(max = 128) String scanId,
        @NotBlank @Size(max = 64) String code,
        @NotBlank @Size(max = 64) String locationId,
        @Min(1) @Max(10_000) Integer quantity) {

    int units() {
        return quantity == null ? 1 : quantity;
    }
}

package dev.shelfsync.inventory.purchasing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** A purchase order: its lines become inbound stock (not sellable) until received. */
public record PurchaseOrderRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String purchaseOrderId,
        @NotBlank @Size(max = 200) String supplier,
        LocalDate expectedAt,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines) {

    /** Units of an SKU expected at a location. */
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @NotBlank @Size(max = 64) String locationId,
            @NotNull @Min(1) @Max(10_000_000) Integer quantity) {}
}

package dev.shelfsync.inventory.purchasing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Goods received against a purchase order; {@code receiptId} makes a repeated scan harmless. */
public record ReceiptRequest(
        @NotBlank @Size(max = 128) String receiptId,
        @NotEmpty @Size(max = 500) List<PurchaseOrderRequest.@Valid @NotNull Line> lines) {}

package dev.shelfsync.inventory.transfer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Dispatch sellable units from one location to another; {@code transferId} makes a repeat harmless. */
public record TransferRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String transferId,
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 64) String fromLocationId,
        @NotBlank @Size(max = 64) String toLocationId,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

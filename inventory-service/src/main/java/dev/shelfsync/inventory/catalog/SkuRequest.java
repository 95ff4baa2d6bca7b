package dev.shelfsync.inventory.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or update an SKU of the master list. */
public record SkuRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) @Pattern(regexp = "[0-9A-Za-z-]*", message = "letters, digits and dashes only") String barcode,
        @Pattern(regexp = "active|discontinued") String status) {}

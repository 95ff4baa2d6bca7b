package dev.shelfsync.gateway.listing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Maps a marketplace listing to an internal SKU.
 *
 * @param packSize units of the SKU one listing unit consumes (a 6-pack is 6); the listing shows floor(available / 6)
 * @param inventoryItemId Shopify inventory item id, when it differs from the listing (variant) id
 */
public record ListingRequest(
        @NotBlank @Size(max = 200) String sku,
        @Min(1) @Max(10_000) Integer packSize,
        @Size(max = 200) String inventoryItemId) {}

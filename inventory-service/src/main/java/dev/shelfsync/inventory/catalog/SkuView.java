package dev.shelfsync.inventory.catalog;

/** An SKU as the API shows it. */
public record SkuView(String sku, String name, String barcode, String status, long availabilityVersion) {}

package dev.shelfsync.contracts.inventory;

/** Units of one order line reserved at one location. */
public record Allocation(String lineId, String sku, String locationId, int quantity) {}

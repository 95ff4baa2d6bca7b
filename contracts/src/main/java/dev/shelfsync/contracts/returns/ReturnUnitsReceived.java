package dev.shelfsync.contracts.returns;

/** Returned units arrived at a location; inventory holds them as quality_hold (not sellable). */
public record ReturnUnitsReceived(String rmaId, String sku, String locationId, int quantity) {}

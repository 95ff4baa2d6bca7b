package dev.shelfsync.contracts.channels;

/**
 * One order line in internal terms: the listing is already mapped to a SKU and the pack multiplier applied.
 *
 * @param lineId the marketplace's line id, stable across redeliveries
 * @param sku internal SKU
 * @param quantity units of the SKU (listing quantity times pack multiplier)
 */
public record OrderLine(String lineId, String sku, int quantity) {}

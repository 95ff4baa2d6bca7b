package dev.shelfsync.routing.ranking;

/** An order line as the ranking needs it. */
public record LineDemand(String lineId, String sku, int quantity) {}

package dev.shelfsync.contracts.orders;

/** Routing tells inventory that an order's reserved units left the building (shipment). */
public record StockCommitRequested(String orderId, String carrier, String trackingNumber) {}

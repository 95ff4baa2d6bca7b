package dev.shelfsync.contracts.orders;

/** Routing asks inventory to give back whatever is reserved for an order (cancellation). */
public record StockReleaseRequested(String orderId, String reason) {}

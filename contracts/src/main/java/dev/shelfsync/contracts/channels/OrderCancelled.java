package dev.shelfsync.contracts.channels;

/** A marketplace cancelled an order; it may arrive before the order itself. */
public record OrderCancelled(String channelId, String externalOrderId, String reason) {}

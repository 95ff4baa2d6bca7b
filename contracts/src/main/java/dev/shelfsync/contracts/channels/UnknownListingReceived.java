package dev.shelfsync.contracts.channels;

/** An order named a listing without a mapping to an SKU; the order is parked until it is mapped. */
public record UnknownListingReceived(String channelId, String listingId, String externalOrderId) {}

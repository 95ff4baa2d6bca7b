package dev.shelfsync.contracts.inventory;

/** A marketplace sale: the channel it was made on and that marketplace's order id. */
public record SaleRef(String channelId, String externalOrderId) {}

package dev.shelfsync.contracts.orders;

import dev.shelfsync.contracts.inventory.Allocation;
import java.util.List;

/** Every line of an order is reserved; allocations say which location ships what. */
public record OrderRouted(String orderId, String channelId, String externalOrderId, List<Allocation> allocations) {}

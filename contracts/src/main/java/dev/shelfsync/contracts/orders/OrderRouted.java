package dev.shelfsync.contracts.orders;

import dev.shelfsync.contracts.inventory.Allocation;
import java.util.List;
import java.util.Map;

/**
 * Every line of an order is reserved; allocations say which location ships what.
 *
 * @param availabilityVersions per SKU, the availability version whose numbers first include this order's
 *     reservation (passed on from inventory's confirmation); empty when unknown
 */
public record OrderRouted(
        String orderId,
        String channelId,
        String externalOrderId,
        List<Allocation> allocations,
        Map<String, Long> availabilityVersions) {

    public OrderRouted {
        availabilityVersions = availabilityVersions == null ? Map.of() : Map.copyOf(availabilityVersions);
    }

    public OrderRouted(String orderId, String channelId, String externalOrderId, List<Allocation> allocations) {
        this(orderId, channelId, externalOrderId, allocations, Map.of());
    }
}

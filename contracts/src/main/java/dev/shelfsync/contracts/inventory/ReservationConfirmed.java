package dev.shelfsync.contracts.inventory;

import java.util.List;
import java.util.Map;

/**
 * Every line of the order is reserved; allocations say where.
 *
 * @param availabilityVersions per SKU (bundles included), the availability version whose numbers first include this
 *     reservation; empty from producers that predate it
 */
public record ReservationConfirmed(
        String orderId, List<Allocation> allocations, Map<String, Long> availabilityVersions) {

    public ReservationConfirmed {
        availabilityVersions = availabilityVersions == null ? Map.of() : Map.copyOf(availabilityVersions);
    }

    public ReservationConfirmed(String orderId, List<Allocation> allocations) {
        this(orderId, allocations, Map.of());
    }
}

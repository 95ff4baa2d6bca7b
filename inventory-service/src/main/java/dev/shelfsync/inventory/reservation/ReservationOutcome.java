package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import java.util.List;
import java.util.Map;

/**
 * The answer to a reservation request: every line reserved (with where), or none and which lines fell short.
 *
 * @param availabilityVersions for a confirmation, per SKU (bundles included) the availability version whose numbers
 *     first include it; empty for a refusal and for reservations stored before versions were kept
 */
public record ReservationOutcome(
        String orderId,
        boolean confirmed,
        List<Allocation> allocations,
        String reason,
        List<String> shortLines,
        Map<String, Long> availabilityVersions) {

    static ReservationOutcome confirmed(
            String orderId, List<Allocation> allocations, Map<String, Long> availabilityVersions) {
        return new ReservationOutcome(orderId, true, allocations, null, List.of(), availabilityVersions);
    }

    static ReservationOutcome refused(String orderId, List<String> shortLines) {
        return new ReservationOutcome(orderId, false, List.of(), "insufficient-stock", shortLines, Map.of());
    }
}

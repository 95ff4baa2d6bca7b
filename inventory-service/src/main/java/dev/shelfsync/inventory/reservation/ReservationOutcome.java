package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.inventory.Allocation;
import java.util.List;

/** The answer to a reservation request: every line reserved (with where), or none and which lines fell short. */
public record ReservationOutcome(
        String orderId, boolean confirmed, List<Allocation> allocations, String reason, List<String> shortLines) {

    static ReservationOutcome confirmed(String orderId, List<Allocation> allocations) {
        return new ReservationOutcome(orderId, true, allocations, null, List.of());
    }

    static ReservationOutcome refused(String orderId, List<String> shortLines) {
        return new ReservationOutcome(orderId, false, List.of(), "insufficient-stock", shortLines);
    }
}

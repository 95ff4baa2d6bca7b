package dev.shelfsync.contracts.inventory;

import java.util.List;

/** Every line of the order is reserved; allocations say where. */
public record ReservationConfirmed(String orderId, List<Allocation> allocations) {}

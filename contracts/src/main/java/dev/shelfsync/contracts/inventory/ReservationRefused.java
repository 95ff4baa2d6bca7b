package dev.shelfsync.contracts.inventory;

import java.util.List;

/**
 * Nothing was reserved because at least one line fits at none of its candidates.
 *
 * @param shortLines ids of the lines that could not be reserved
 */
public record ReservationRefused(String orderId, String reason, List<String> shortLines) {}

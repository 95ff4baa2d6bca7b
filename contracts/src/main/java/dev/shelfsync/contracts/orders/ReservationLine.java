package dev.shelfsync.contracts.orders;

import java.util.List;

/**
 * A line to reserve and the locations routing proposes for it, best first.
 *
 * @param candidateLocationIds inventory takes the first candidate that can hold the whole line
 */
public record ReservationLine(String lineId, String sku, int quantity, List<String> candidateLocationIds) {}

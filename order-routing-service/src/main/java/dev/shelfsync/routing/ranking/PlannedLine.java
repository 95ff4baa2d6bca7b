package dev.shelfsync.routing.ranking;

import java.util.List;

/** One order line with the candidate locations routing proposes to inventory, best first. */
public record PlannedLine(String lineId, String sku, int quantity, List<String> candidateLocationIds) {}

package dev.shelfsync.contracts.returns;

import java.time.Instant;

/** Received returned units were not inspected within the SLA. */
public record InspectionOverdue(String rmaId, String locationId, Instant receivedAt, Instant dueAt) {}

package dev.shelfsync.returns.rma;

import java.time.Instant;
import java.util.List;

/** A return authorisation as the API shows it. */
public record RmaView(
        String id,
        String source,
        String channelId,
        String externalOrderId,
        String externalReturnId,
        String locationId,
        String status,
        String createdBy,
        Instant createdAt,
        Instant receivedAt,
        Instant inspectionDueAt,
        Instant inspectedAt,
        List<RmaLineView> lines) {}

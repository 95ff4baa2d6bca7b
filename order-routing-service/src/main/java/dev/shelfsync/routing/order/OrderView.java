package dev.shelfsync.routing.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order with its history, allocations, shipments and the explanation of every routing attempt.
 *
 * @param attempts reservation requests sent so far
 * @param routing one entry per attempt: {@code receivedAt} (the order, or the refusal that caused a re-rank),
 *     {@code requestedAt}, {@code answeredAt}, {@code decisionMicros} (ranking time), the ranking's explanation,
 *     the candidates sent and what inventory answered
 * @param createdAt when routing received the order
 * @param retryAt when a refused order will be ranked again; null when no re-rank is waiting
 */
public record OrderView(
        String orderId,
        String channelId,
        String channelType,
        String externalOrderId,
        String state,
        JsonNode shipTo,
        int attempts,
        List<Line> lines,
        List<AllocationView> allocations,
        List<ShipmentView> shipments,
        List<HistoryEntry> history,
        JsonNode routing,
        OffsetDateTime createdAt,
        OffsetDateTime retryAt) {

    /** An ordered line. */
    public record Line(String lineId, String sku, int quantity) {}

    /** Where inventory reserved a line; {@code shipmentId} once it left. */
    public record AllocationView(String lineId, String sku, String locationId, int quantity, Long shipmentId) {}

    /** One parcel leaving one location; {@code deliveredAt} once the carrier delivered it. */
    public record ShipmentView(
            long shipmentId,
            String locationId,
            String carrier,
            String trackingNumber,
            OffsetDateTime shippedAt,
            OffsetDateTime deliveredAt) {}

    /** One transition with its cause. */
    public record HistoryEntry(String state, String cause, OffsetDateTime at) {}
}

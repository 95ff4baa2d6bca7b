package dev.shelfsync.contracts.orders;

import java.util.List;

/** An order (or part of it) left a location; the gateway passes carrier and tracking number to the channel. */
public record OrderShipped(
        String orderId,
        String channelId,
        String externalOrderId,
        String locationId,
        String carrier,
        String trackingNumber,
        List<ShippedLine> lines) {

    /** Units of one order line in this shipment. */
    public record ShippedLine(String lineId, String sku, int quantity) {}
}

package dev.shelfsync.contracts.orders;

import java.util.List;

/**
 * Routing asks inventory to reserve every line of an order, all or nothing.
 *
 * @param externalOrderId the marketplace's order id, so the availability that first includes the reservation can
 *     name the sale ({@code AvailabilityChanged.sales}); null for orders that did not come from a marketplace
 */
public record StockReservationRequested(
        String orderId, String channelId, String externalOrderId, List<ReservationLine> lines) {

    public StockReservationRequested(String orderId, String channelId, List<ReservationLine> lines) {
        this(orderId, channelId, null, lines);
    }
}

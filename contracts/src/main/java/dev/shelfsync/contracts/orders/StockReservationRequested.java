package dev.shelfsync.contracts.orders;

import java.util.List;

/** Routing asks inventory to reserve every line of an order, all or nothing. */
public record StockReservationRequested(String orderId, String channelId, List<ReservationLine> lines) {}

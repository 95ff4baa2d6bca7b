package dev.shelfsync.contracts.orders;

import java.util.List;

/**
 * An oversell incident: no location could reserve the order.
 *
 * @param action what routing did by the channel's policy: {@code backordered} or {@code cancelled}
 */
public record OrderUnfulfillable(
        String orderId, String channelId, String externalOrderId, List<String> shortSkus, String action) {}

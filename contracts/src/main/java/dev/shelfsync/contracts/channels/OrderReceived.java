package dev.shelfsync.contracts.channels;

import java.util.List;

/** A marketplace accepted an order; the gateway has verified, deduplicated and mapped it. */
public record OrderReceived(
        String channelId, String channelType, String externalOrderId, List<OrderLine> lines, ShipTo shipTo) {}

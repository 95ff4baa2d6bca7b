package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One claimed row of the outbound-call outbox.
 *
 * @param key idempotency key sent to the marketplace (the source event's id)
 * @param payload what to send, already in marketplace line ids: {@code lines[{lineId, listingId, quantity}]},
 *     {@code carrier, trackingNumber} for a fulfilment, {@code rmaId} for a refund
 * @param attempts attempts so far, this one included
 * @param progress what earlier attempts of a multi-step call completed (an empty object at first)
 */
record OutboundCall(
        long id,
        String key,
        String channelId,
        String kind,
        String externalOrderId,
        JsonNode payload,
        int attempts,
        JsonNode progress) {

    static final String FULFILMENT = "fulfilment";
    static final String REFUND = "refund";
}

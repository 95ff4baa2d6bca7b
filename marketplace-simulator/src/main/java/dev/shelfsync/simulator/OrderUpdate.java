package dev.shelfsync.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * A fulfilment (with tracking) or a refund that the gateway created on the simulated marketplace. Repeated calls that
 * the marketplace recognises as the same (Shopify idempotency key or nothing left to fulfil, WooCommerce tracking meta
 * key or refund reason, Amazon package reference) are not recorded twice.
 *
 * @param kind {@code fulfilment} or {@code refund}
 * @param lines marketplace line id -> quantity
 * @param reference what the marketplace keys the call on (tracking number, refund reason, package reference)
 */
public record OrderUpdate(
        Instant at,
        String kind,
        String externalOrderId,
        String carrier,
        String trackingNumber,
        Map<String, Integer> lines,
        String reference) {}

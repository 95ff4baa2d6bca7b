package dev.shelfsync.simulator;

/**
 * The outcome of a simulated buyer's attempt.
 *
 * @param sold false when the marketplace's own listed quantity was too low; then nothing was sent
 * @param externalOrderId the marketplace's order id (null when not sold)
 * @param deliveryId the webhook delivery id the gateway dedupes on (null when not sold)
 * @param gatewayStatus the gateway's HTTP status for the webhook, 0 when not sold or the gateway was unreachable
 */
public record Sale(boolean sold, String externalOrderId, String deliveryId, int gatewayStatus) {

    static Sale notSold() {
        return new Sale(false, null, null, 0);
    }
}

package dev.shelfsync.gateway.intake;

import dev.shelfsync.contracts.channels.ShipTo;
import java.time.Instant;
import java.util.List;

/**
 * A marketplace webhook reduced to what the gateway acts on, still in the marketplace's listing ids.
 *
 * @param externalReturnId the marketplace's refund or return id, for {@link Kind#RETURN_REQUESTED}
 * @param placedAt when the buyer placed the order, by the marketplace's clock (null when the payload does not say):
 *     a push the store applied after it has overwritten the shelf the sale lowered
 */
public record ParsedWebhook(
        Kind kind,
        String externalOrderId,
        List<NativeLine> lines,
        ShipTo shipTo,
        String reason,
        String externalReturnId,
        Instant placedAt) {

    public ParsedWebhook(
            Kind kind,
            String externalOrderId,
            List<NativeLine> lines,
            ShipTo shipTo,
            String reason,
            String externalReturnId) {
        this(kind, externalOrderId, lines, shipTo, reason, externalReturnId, null);
    }

    public ParsedWebhook placedAt(Instant when) {
        return new ParsedWebhook(kind, externalOrderId, lines, shipTo, reason, externalReturnId, when);
    }

    /** What the webhook means for Shelfsync. */
    public enum Kind {
        ORDER_CREATED,
        ORDER_CANCELLED,
        RETURN_REQUESTED,
        IGNORED
    }

    /**
     * One order line as the marketplace names it.
     *
     * @param listingKeys candidate listing ids, most specific first (e.g. Shopify variant id, then SKU)
     * @param quantity listing units ordered
     */
    public record NativeLine(String lineId, List<String> listingKeys, int quantity) {}

    /** The correlation id of the events this webhook causes on the channel: the channel and the order. */
    String correlationId(String channelId) {
        return channelId + ":" + externalOrderId;
    }

    public static ParsedWebhook ignored() {
        return new ParsedWebhook(Kind.IGNORED, null, List.of(), null, null, null);
    }
}

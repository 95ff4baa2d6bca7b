package dev.shelfsync.gateway.intake;

import dev.shelfsync.contracts.channels.ShipTo;
import java.util.List;

/**
 * A marketplace webhook reduced to what the gateway acts on, still in the marketplace's listing ids.
 *
 * @param externalReturnId the marketplace's refund or return id, for {@link Kind#RETURN_REQUESTED}
 */
public record ParsedWebhook(
        Kind kind,
        String externalOrderId,
        List<NativeLine> lines,
        ShipTo shipTo,
        String reason,
        String externalReturnId) {

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

    public static ParsedWebhook ignored() {
        return new ParsedWebhook(Kind.IGNORED, null, List.of(), null, null, null);
    }
}

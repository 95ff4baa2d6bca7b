package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.gateway.error.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Amazon SP-API ORDER_CHANGE notifications as forwarded from the SQS queue by a relay that signs the body with
 * the channel's webhook secret. The notification says what happened to which order; the order's lines always come
 * from {@code getOrderItems} (see {@link AmazonIntake}), even though the summary lists items too: it is a snapshot
 * of the change, may hold one item only ({@code OrderItemLevel}), and is not what Amazon bills and ships.
 */
final class AmazonAdapter {

    /** What an ORDER_CHANGE asks of Shelfsync, before the order's items are fetched. */
    record Notification(
            ParsedWebhook.Kind kind, String amazonOrderId, ShipTo shipTo, String status, java.time.Instant placedAt) {

        Notification(ParsedWebhook.Kind kind, String amazonOrderId, ShipTo shipTo, String status) {
            this(kind, amazonOrderId, shipTo, status, null);
        }

        ParsedWebhook withLines(List<ParsedWebhook.NativeLine> lines) {
            return new ParsedWebhook(kind, amazonOrderId, lines, shipTo, null, null, placedAt);
        }

        ParsedWebhook withoutLines() {
            return kind == ParsedWebhook.Kind.IGNORED
                    ? ParsedWebhook.ignored()
                    : new ParsedWebhook(kind, amazonOrderId, List.of(), shipTo, status, null);
        }
    }

    // Where each marketplace's buyers usually live: ORDER_CHANGE gives a postal code but no country.
    private static final Map<String, String> MARKETPLACE_COUNTRIES = Map.ofEntries(
            Map.entry("ATVPDKIKX0DER", "US"),
            Map.entry("A2EUQ1WTGCTBG2", "CA"),
            Map.entry("A1AM78C64UM0Y8", "MX"),
            Map.entry("A2Q3Y263D00KWC", "BR"),
            Map.entry("A1PA6795UKMFR9", "DE"),
            Map.entry("A1F83G8C2ARO7P", "GB"),
            Map.entry("A13V1IB3VIYZZH", "FR"),
            Map.entry("APJ6JRA9NG5V4", "IT"),
            Map.entry("A1RKKUPIHCS9HS", "ES"),
            Map.entry("A1805IZSGTT6HS", "NL"),
            Map.entry("A2NODRKZP88ZB9", "SE"),
            Map.entry("A1C3SOZRARQ6R3", "PL"),
            Map.entry("AMEN7PMS3EDWL", "BE"),
            Map.entry("A1VC38T7YXB528", "JP"),
            Map.entry("A39IBJ37TRP1C6", "AU"));

    private AmazonAdapter() {}

    static String deliveryId(JsonNode body) {
        return Payloads.requiredId(body.path("NotificationMetadata"), "NotificationId");
    }

    /**
     * Canceled cancels; Pending, Unshipped and PartiallyShipped create the order (once: later changes of a received
     * order are duplicates); anything else is ignored. A {@code BuyerRequestedChange} is only a request: the order stays
     * until Amazon reports it Canceled.
     */
    static Notification parse(JsonNode body) {
        if (!"ORDER_CHANGE".equals(Payloads.text(body, "NotificationType"))) {
            return new Notification(ParsedWebhook.Kind.IGNORED, null, null, null);
        }
        JsonNode change = body.path("Payload").path("OrderChangeNotification");
        if (!change.isObject()) {
            throw ProblemException.malformed("ORDER_CHANGE without Payload.OrderChangeNotification.");
        }
        String orderId = Payloads.requiredId(change, "AmazonOrderId");
        JsonNode summary = change.path("Summary");
        String status = Payloads.text(summary, "OrderStatus");
        if ("Canceled".equals(status)) {
            return new Notification(ParsedWebhook.Kind.ORDER_CANCELLED, orderId, null, status);
        }
        if (!"Unshipped".equals(status) && !"Pending".equals(status) && !"PartiallyShipped".equals(status)) {
            return new Notification(ParsedWebhook.Kind.IGNORED, orderId, null, status);
        }
        String postalCode = Payloads.optionalId(summary, "DestinationPostalCode");
        String country = MARKETPLACE_COUNTRIES.get(Payloads.text(summary, "MarketplaceId"));
        ShipTo shipTo = postalCode == null && country == null ? null : new ShipTo(country, postalCode, null, null);
        return new Notification(
                ParsedWebhook.Kind.ORDER_CREATED, orderId, shipTo, status, Payloads.instant(summary, "PurchaseDate"));
    }

    /**
     * The lines of a {@code getOrderItems} payload: seller SKU first, ASIN as a second listing key. Items Amazon
     * reports with {@code QuantityOrdered} 0 were cancelled from the order and reserve nothing.
     */
    static List<ParsedWebhook.NativeLine> orderItems(JsonNode payload) {
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode item : Payloads.requiredArray(payload, "OrderItems")) {
            JsonNode ordered = item.path("QuantityOrdered");
            if (ordered.isIntegralNumber() && ordered.asInt() == 0) {
                continue;
            }
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(item, "OrderItemId"),
                    Payloads.keys(Payloads.optionalId(item, "SellerSKU"), Payloads.optionalId(item, "ASIN")),
                    Payloads.positiveQuantity(item, "QuantityOrdered")));
        }
        if (lines.isEmpty()) {
            throw ProblemException.malformed("The order has no item with a quantity.");
        }
        return lines;
    }
}

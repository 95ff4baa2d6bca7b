package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.gateway.error.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Amazon SP-API ORDER_CHANGE notifications as forwarded from the SQS queue by a relay that signs the body with
 * the channel's webhook secret. Items come from the order-level summary (SellerSKU, Quantity).
 */
final class AmazonAdapter {

    private AmazonAdapter() {}

    static String deliveryId(JsonNode body) {
        return Payloads.requiredId(body.path("NotificationMetadata"), "NotificationId");
    }

    static ParsedWebhook parse(JsonNode body) {
        if (!"ORDER_CHANGE".equals(Payloads.text(body, "NotificationType"))) {
            return ParsedWebhook.ignored();
        }
        JsonNode change = body.path("Payload").path("OrderChangeNotification");
        if (!change.isObject()) {
            throw ProblemException.malformed("ORDER_CHANGE without Payload.OrderChangeNotification.");
        }
        String orderId = Payloads.requiredId(change, "AmazonOrderId");
        JsonNode summary = change.path("Summary");
        String status = Payloads.text(summary, "OrderStatus");
        if ("Canceled".equals(status)) {
            return new ParsedWebhook(ParsedWebhook.Kind.ORDER_CANCELLED, orderId, List.of(), null, status, null);
        }
        if (!"Unshipped".equals(status) && !"Pending".equals(status) && !"PartiallyShipped".equals(status)) {
            return ParsedWebhook.ignored();
        }
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode item : Payloads.requiredArray(summary, "OrderItems")) {
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(item, "OrderItemId"),
                    Payloads.keys(Payloads.optionalId(item, "SellerSKU")),
                    Payloads.positiveQuantity(item, "Quantity")));
        }
        JsonNode address = summary.path("ShippingAddress");
        ShipTo shipTo = address.isObject()
                ? new ShipTo(Payloads.text(address, "CountryCode"), Payloads.text(address, "PostalCode"), null, null)
                : null;
        return new ParsedWebhook(ParsedWebhook.Kind.ORDER_CREATED, orderId, lines, shipTo, null, null);
    }
}

package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.gateway.error.ProblemException;
import java.util.ArrayList;
import java.util.List;

/** Reads Shopify order webhooks (orders/create, orders/cancelled, refunds/create). */
final class ShopifyAdapter {

    private ShopifyAdapter() {}

    static ParsedWebhook parse(String topic, JsonNode body) {
        return switch (topic) {
            case "orders/create" -> new ParsedWebhook(
                    ParsedWebhook.Kind.ORDER_CREATED,
                    Payloads.requiredId(body, "id"),
                    lines(Payloads.requiredArray(body, "line_items")),
                    shipTo(body.path("shipping_address")),
                    null,
                    null,
                    Payloads.instant(body, "created_at"));
            case "orders/cancelled" -> new ParsedWebhook(
                    ParsedWebhook.Kind.ORDER_CANCELLED,
                    Payloads.requiredId(body, "id"),
                    List.of(),
                    null,
                    Payloads.text(body, "cancel_reason"),
                    null);
            case "refunds/create" -> refund(body);
            default -> ParsedWebhook.ignored();
        };
    }

    private static List<ParsedWebhook.NativeLine> lines(JsonNode items) {
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw ProblemException.malformed("A line item is not an object.");
            }
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(item, "id"),
                    Payloads.keys(Payloads.optionalId(item, "variant_id"), Payloads.optionalId(item, "sku")),
                    Payloads.positiveQuantity(item, "quantity")));
        }
        return lines;
    }

    private static ParsedWebhook refund(JsonNode body) {
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode refundLine : body.path("refund_line_items")) {
            JsonNode item = refundLine.path("line_item");
            String restock = Payloads.text(refundLine, "restock_type");
            if ("no_restock".equals(restock) || "cancel".equals(restock)) {
                continue;
            }
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(refundLine, "line_item_id"),
                    Payloads.keys(Payloads.optionalId(item, "variant_id"), Payloads.optionalId(item, "sku")),
                    Payloads.positiveQuantity(refundLine, "quantity")));
        }
        return new ParsedWebhook(
                lines.isEmpty() ? ParsedWebhook.Kind.IGNORED : ParsedWebhook.Kind.RETURN_REQUESTED,
                Payloads.requiredId(body, "order_id"),
                lines,
                null,
                Payloads.text(body, "note"),
                Payloads.requiredId(body, "id"));
    }

    static ShipTo shipTo(JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        return new ShipTo(
                Payloads.text(address, "country_code"),
                Payloads.text(address, "zip"),
                Payloads.decimal(address, "latitude"),
                Payloads.decimal(address, "longitude"));
    }
}

package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import java.util.ArrayList;
import java.util.List;

/** Reads WooCommerce order webhooks (order.created, order.updated; a cancelled status cancels). */
final class WooCommerceAdapter {

    private WooCommerceAdapter() {}

    static ParsedWebhook parse(String topic, JsonNode body) {
        String status = Payloads.text(body, "status");
        if (topic.equals("order.updated") && ("cancelled".equals(status) || "failed".equals(status))) {
            return new ParsedWebhook(
                    ParsedWebhook.Kind.ORDER_CANCELLED, Payloads.requiredId(body, "id"), List.of(), null, status, null);
        }
        if (!topic.equals("order.created") && !topic.equals("order.updated")) {
            return ParsedWebhook.ignored();
        }
        if ("pending".equals(status) || "cancelled".equals(status) || "failed".equals(status)) {
            return ParsedWebhook.ignored();
        }
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode item : Payloads.requiredArray(body, "line_items")) {
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(item, "id"),
                    Payloads.keys(
                            Payloads.optionalId(item, "variation_id"),
                            Payloads.optionalId(item, "product_id"),
                            Payloads.optionalId(item, "sku")),
                    Payloads.positiveQuantity(item, "quantity")));
        }
        JsonNode shipping = body.path("shipping");
        ShipTo shipTo = shipping.isObject()
                ? new ShipTo(Payloads.text(shipping, "country"), Payloads.text(shipping, "postcode"), null, null)
                : null;
        return new ParsedWebhook(
                        ParsedWebhook.Kind.ORDER_CREATED, Payloads.requiredId(body, "id"), lines, shipTo, null, null)
                .placedAt(Payloads.instant(body, "date_created_gmt"));
    }
}

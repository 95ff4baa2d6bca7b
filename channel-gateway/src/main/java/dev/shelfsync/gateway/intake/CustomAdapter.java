package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the custom channel API (wholesale portals): {@code {"event":"order.created"|"order.cancelled","orderId",
 * "lines":[{"lineId","listingId","quantity"}],"shipTo":{"countryCode","postalCode","latitude","longitude"}}}.
 */
final class CustomAdapter {

    private CustomAdapter() {}

    static ParsedWebhook parse(JsonNode body) {
        String event = Payloads.text(body, "event");
        String orderId = Payloads.requiredId(body, "orderId");
        if ("order.cancelled".equals(event)) {
            return new ParsedWebhook(
                    ParsedWebhook.Kind.ORDER_CANCELLED, orderId, List.of(), null, Payloads.text(body, "reason"), null);
        }
        if (!"order.created".equals(event)) {
            throw dev.shelfsync.gateway.error.ProblemException.malformed(
                    "event must be order.created or order.cancelled.");
        }
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode line : Payloads.requiredArray(body, "lines")) {
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(line, "lineId"),
                    Payloads.keys(Payloads.requiredId(line, "listingId")),
                    Payloads.positiveQuantity(line, "quantity")));
        }
        JsonNode ship = body.path("shipTo");
        ShipTo shipTo = ship.isObject()
                ? new ShipTo(
                        Payloads.text(ship, "countryCode"),
                        Payloads.text(ship, "postalCode"),
                        Payloads.decimal(ship, "latitude"),
                        Payloads.decimal(ship, "longitude"))
                : null;
        return new ParsedWebhook(ParsedWebhook.Kind.ORDER_CREATED, orderId, lines, shipTo, null, null);
    }
}

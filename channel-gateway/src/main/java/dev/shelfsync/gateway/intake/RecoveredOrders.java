package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.error.ProblemException;
import java.util.List;

/**
 * Reads orders fetched from a marketplace's order API during reconciliation with the same adapters as webhooks, so a
 * recovered order becomes exactly the canonical order its webhook would have produced.
 */
public final class RecoveredOrders {

    private RecoveredOrders() {}

    /** A Shopify REST order (orders.json), as in the orders/create webhook; null when it is not to be recovered. */
    public static ParsedWebhook shopify(JsonNode order) {
        if (order.hasNonNull("cancelled_at")) {
            return null;
        }
        return created(() -> ShopifyAdapter.parse("orders/create", order));
    }

    /** A WooCommerce REST order (GET /orders), as in the order.created webhook. */
    public static ParsedWebhook woocommerce(JsonNode order) {
        return created(() -> WooCommerceAdapter.parse("order.created", order));
    }

    /**
     * An Amazon order (getOrders) with its items (getOrderItems): only orders waiting for shipment are recovered.
     *
     * @param items getOrderItems' answer, every page ({@code payload.OrderItems})
     */
    public static ParsedWebhook amazon(JsonNode order, JsonNode items) {
        String status = Payloads.text(order, "OrderStatus");
        if (!"Unshipped".equals(status) && !"PartiallyShipped".equals(status)) {
            return null;
        }
        return created(() -> {
            List<ParsedWebhook.NativeLine> lines = AmazonAdapter.orderItems(items.path("payload"));
            JsonNode address = order.path("ShippingAddress");
            return new ParsedWebhook(
                    ParsedWebhook.Kind.ORDER_CREATED,
                    Payloads.requiredId(order, "AmazonOrderId"),
                    lines,
                    address.isObject()
                            ? new dev.shelfsync.contracts.channels.ShipTo(
                                    Payloads.text(address, "CountryCode"),
                                    Payloads.text(address, "PostalCode"),
                                    null,
                                    null)
                            : null,
                    null,
                    null,
                    Payloads.instant(order, "PurchaseDate"));
        });
    }

    /** An Etsy ShopReceipt (getShopReceipts), as the receipt an order.paid webhook points at. */
    public static ParsedWebhook etsy(JsonNode receipt) {
        return created(() -> EtsyAdapter.receipt(receipt));
    }

    private interface Parse {
        ParsedWebhook parse();
    }

    private static ParsedWebhook created(Parse parse) {
        try {
            ParsedWebhook parsed = parse.parse();
            return parsed.kind() == ParsedWebhook.Kind.ORDER_CREATED ? parsed : null;
        } catch (ProblemException malformed) {
            return null;
        }
    }
}

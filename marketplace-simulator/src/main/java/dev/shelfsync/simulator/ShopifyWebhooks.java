package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Shopify's {@code orders/create} and {@code orders/updated} webhooks, signed with X-Shopify-Hmac-Sha256. */
final class ShopifyWebhooks {

    private final ObjectMapper mapper;

    ShopifyWebhooks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    NativeOrders.Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        long orderId = 5_000_000_000_000L + orderNumber;
        long lineId = 13_000_000_000_000L + orderNumber * 10;
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        ObjectNode order = mapper.createObjectNode();
        order.put("id", orderId);
        order.put("admin_graphql_api_id", "gid://shopify/Order/" + orderId);
        order.put("name", "#" + orderNumber);
        order.put("order_number", orderNumber);
        order.put("created_at", now);
        order.put("currency", "EUR");
        order.put("financial_status", "paid");
        order.putNull("fulfillment_status");
        order.put("email", "buyer" + orderNumber + "@example.com");
        order.put("total_price", "19.90");
        ArrayNode lines = order.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("id", lineId);
        line.put("admin_graphql_api_id", "gid://shopify/LineItem/" + lineId);
        SimulatedOrders.putId(line, "variant_id", listingId);
        line.put("product_id", 8_000_000_000L + Math.abs(listingId.hashCode() % 1_000_000));
        line.put("sku", listingId);
        line.put("name", "Simulated listing " + listingId);
        line.put("quantity", quantity);
        line.put("fulfillable_quantity", quantity);
        line.put("price", "19.90");
        line.put("requires_shipping", true);
        ObjectNode address = order.putObject("shipping_address");
        address.put("first_name", "Sim");
        address.put("last_name", "Buyer");
        address.put("address1", "Invalidenstrasse 1");
        address.put("city", "Berlin");
        address.put("zip", channel.shipTo().postalCode());
        address.put("country_code", channel.shipTo().countryCode());
        address.put("latitude", channel.shipTo().latitude());
        address.put("longitude", channel.shipTo().longitude());
        byte[] body = NativeOrders.bytes(mapper, order);
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", "orders/create");
        headers.put("X-Shopify-Shop-Domain", channel.id() + ".myshopify.com");
        headers.put("X-Shopify-API-Version", "2025-01");
        headers.put("X-Shopify-Webhook-Id", deliveryId);
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Triggered-At", now);
        headers.put("X-Shopify-Hmac-Sha256", Signatures.hmacSha256Base64(channel.webhookSecret(), body));
        order.put("updated_at", now);
        return new NativeOrders.Webhook(
                "/webhooks/shopify/" + channel.id(),
                body,
                headers,
                Long.toString(orderId),
                deliveryId,
                order,
                Long.toString(lineId));
    }

    /** The same body under a new webhook and event id; with {@code asUpdate} as {@code orders/updated}. */
    NativeOrders.Webhook another(ChannelConfig channel, NativeOrders.Webhook webhook, boolean asUpdate) {
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        headers.put("X-Shopify-Webhook-Id", deliveryId);
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        if (asUpdate) {
            headers.put("X-Shopify-Topic", "orders/updated");
        }
        headers.put("X-Shopify-Hmac-Sha256", Signatures.hmacSha256Base64(channel.webhookSecret(), webhook.body()));
        return webhook.redelivery(deliveryId, webhook.body(), headers);
    }
}

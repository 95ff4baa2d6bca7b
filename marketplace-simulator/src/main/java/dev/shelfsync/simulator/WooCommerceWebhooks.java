package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** WooCommerce's {@code order.created} and {@code order.updated} webhooks, signed with X-WC-Webhook-Signature. */
final class WooCommerceWebhooks {

    private final ObjectMapper mapper;

    WooCommerceWebhooks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    NativeOrders.Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        long orderId = 10_000 + orderNumber;
        ObjectNode order = mapper.createObjectNode();
        order.put("id", orderId);
        order.put("parent_id", 0);
        order.put("status", "processing");
        order.put("currency", "EUR");
        order.put("date_created_gmt", Instant.now().toString().substring(0, 19));
        order.put("total", "19.90");
        ObjectNode shipping = order.putObject("shipping");
        shipping.put("first_name", "Sim");
        shipping.put("last_name", "Buyer");
        shipping.put("city", "Berlin");
        shipping.put("postcode", channel.shipTo().postalCode());
        shipping.put("country", channel.shipTo().countryCode());
        ArrayNode lines = order.putArray("line_items");
        ObjectNode line = lines.addObject();
        line.put("id", orderId * 10 + 1);
        line.put("name", "Simulated listing " + listingId);
        SimulatedOrders.putId(line, "product_id", listingId);
        line.put("variation_id", 0);
        line.put("quantity", quantity);
        line.put("sku", listingId);
        line.put("price", 19.9);
        line.put("total", String.format(Locale.ROOT, "%.2f", 19.9 * quantity));
        byte[] body = NativeOrders.bytes(mapper, order);
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-WC-Webhook-Source", "https://" + channel.id() + ".example.com/");
        headers.put("X-WC-Webhook-Topic", "order.created");
        headers.put("X-WC-Webhook-Resource", "order");
        headers.put("X-WC-Webhook-Event", "created");
        headers.put("X-WC-Webhook-ID", "1");
        headers.put("X-WC-Webhook-Delivery-ID", deliveryId);
        headers.put("X-WC-Webhook-Signature", Signatures.hmacSha256Base64(channel.webhookSecret(), body));
        return new NativeOrders.Webhook(
                "/webhooks/woocommerce/" + channel.id(),
                body,
                headers,
                Long.toString(orderId),
                deliveryId,
                order,
                Long.toString(orderId * 10 + 1));
    }

    /** The same body under a new delivery id; with {@code asUpdate} as {@code order.updated}. */
    NativeOrders.Webhook another(ChannelConfig channel, NativeOrders.Webhook webhook, boolean asUpdate) {
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        headers.put("X-WC-Webhook-Delivery-ID", deliveryId);
        if (asUpdate) {
            headers.put("X-WC-Webhook-Topic", "order.updated");
            headers.put("X-WC-Webhook-Event", "updated");
        }
        headers.put("X-WC-Webhook-Signature", Signatures.hmacSha256Base64(channel.webhookSecret(), webhook.body()));
        return webhook.redelivery(deliveryId, webhook.body(), headers);
    }
}

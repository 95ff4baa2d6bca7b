package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds a sale as each marketplace's own order webhook: body plus the headers it signs and dedupes with. */
final class NativeOrders {

    /** A ready-to-send webhook; kept so that the same delivery can be sent again. */
    record Webhook(
            String path,
            byte[] body,
            Map<String, String> headers,
            String externalOrderId,
            String deliveryId,
            ObjectNode order,
            String lineId) {}

    private final ObjectMapper mapper;

    NativeOrders(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        return switch (channel.type()) {
            case "woocommerce" -> woocommerce(channel, orderNumber, listingId, quantity);
            case "amazon" -> amazon(channel, orderNumber, listingId, quantity);
            default -> shopify(channel, orderNumber, listingId, quantity);
        };
    }

    private Webhook shopify(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
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
        putId(line, "variant_id", listingId);
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
        byte[] body = bytes(order);
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
        return new Webhook(
                "/webhooks/shopify/" + channel.id(),
                body,
                headers,
                Long.toString(orderId),
                deliveryId,
                order,
                Long.toString(lineId));
    }

    private Webhook woocommerce(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
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
        putId(line, "product_id", listingId);
        line.put("variation_id", 0);
        line.put("quantity", quantity);
        line.put("sku", listingId);
        line.put("price", 19.9);
        line.put("total", String.format(java.util.Locale.ROOT, "%.2f", 19.9 * quantity));
        byte[] body = bytes(order);
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
        return new Webhook(
                "/webhooks/woocommerce/" + channel.id(),
                body,
                headers,
                Long.toString(orderId),
                deliveryId,
                order,
                Long.toString(orderId * 10 + 1));
    }

    /**
     * Amazon delivers ORDER_CHANGE notifications to an SQS queue; a relay forwards each message body to the gateway and
     * signs it with the channel's webhook secret (header {@code X-Shelfsync-Signature}), as a Shopify webhook is signed.
     */
    private Webhook amazon(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        String orderId = String.format("902-%07d-%07d", orderNumber / 10_000_000, orderNumber % 10_000_000);
        String now = Instant.now().toString();
        String notificationId = UUID.randomUUID().toString();
        ObjectNode root = mapper.createObjectNode();
        root.put("NotificationVersion", "1.0");
        root.put("NotificationType", "ORDER_CHANGE");
        root.put("PayloadVersion", "1.0");
        root.put("EventTime", now);
        ObjectNode change = root.putObject("Payload").putObject("OrderChangeNotification");
        change.put("NotificationLevel", "OrderLevel");
        change.put("SellerId", "SIMSELLER");
        change.put("AmazonOrderId", orderId);
        change.put("OrderChangeType", "OrderStatusChange");
        ObjectNode trigger = change.putObject("OrderChangeTrigger");
        trigger.put("TimeOfOrderChange", now);
        trigger.put("ChangeReason", "Order status changed to Unshipped");
        // The summary as SP-API sends it: a postal code but no address, and the items as a snapshot of the change.
        // The gateway reads the order's items from getOrderItems all the same.
        ObjectNode summary = change.putObject("Summary");
        summary.put("MarketplaceId", "A1PA6795UKMFR9");
        summary.put("OrderStatus", "Unshipped");
        summary.put("PurchaseDate", now);
        summary.put("DestinationPostalCode", channel.shipTo().postalCode());
        summary.put("FulfillmentType", "MFN");
        summary.put("OrderType", "StandardOrder");
        summary.put("NumberOfItemsShipped", 0);
        summary.put("NumberOfItemsUnshipped", quantity);
        ObjectNode item = summary.putArray("OrderItems").addObject();
        item.put("OrderItemId", Long.toString(60_000_000_000_000L + orderNumber));
        item.put("SellerSKU", listingId);
        item.putNull("SupplySourceId");
        item.put("OrderItemStatus", "Unshipped");
        item.put("Quantity", quantity);
        item.put("QuantityShipped", 0);
        item.put("IsBuyerRequestedCancel", false);
        ObjectNode metadata = root.putObject("NotificationMetadata");
        metadata.put("ApplicationId", "amzn1.sellerapps.app.shelfsync-simulator");
        metadata.put("SubscriptionId", "sim-" + channel.id());
        metadata.put("PublishTime", now);
        metadata.put("NotificationId", notificationId);
        byte[] body = bytes(root);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Shelfsync-Signature", Signatures.hmacSha256Base64(channel.webhookSecret(), body));
        // The same order as getOrders lists it; its items come from getOrderItems.
        ObjectNode shipping = mapper.createObjectNode();
        shipping.put("PostalCode", channel.shipTo().postalCode());
        shipping.put("CountryCode", channel.shipTo().countryCode());
        ObjectNode listed = mapper.createObjectNode();
        listed.put("AmazonOrderId", orderId);
        listed.put("PurchaseDate", now);
        listed.put("LastUpdateDate", now);
        listed.put("OrderStatus", "Unshipped");
        listed.put("FulfillmentChannel", "MFN");
        listed.put("MarketplaceId", "A1PA6795UKMFR9");
        listed.put("NumberOfItemsUnshipped", quantity);
        listed.set("ShippingAddress", shipping);
        ObjectNode listedItem = listed.putArray("OrderItems").addObject();
        listedItem.put("ASIN", "B0SIM" + Math.abs(listingId.hashCode() % 100_000));
        listedItem.put("SellerSKU", listingId);
        listedItem.put("OrderItemId", item.path("OrderItemId").asText());
        listedItem.put("QuantityOrdered", quantity);
        listedItem.put("QuantityShipped", 0);
        return new Webhook(
                "/webhooks/amazon/" + channel.id(),
                body,
                headers,
                orderId,
                notificationId,
                listed,
                item.path("OrderItemId").asText());
    }

    private static void putId(ObjectNode node, String field, String id) {
        if (id.matches("\\d{1,18}")) {
            node.put(field, Long.parseLong(id));
        } else {
            node.put(field, id);
        }
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

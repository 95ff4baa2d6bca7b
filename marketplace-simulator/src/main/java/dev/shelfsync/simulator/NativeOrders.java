package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
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
            case "etsy" -> etsy(channel, orderNumber, listingId, quantity);
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
        // ItemPrice is the price of all ordered units (amazon.de prices include VAT).
        ObjectNode price = listedItem.putObject("ItemPrice");
        price.put("CurrencyCode", "EUR");
        price.put(
                "Amount",
                AMAZON_UNIT_PRICE.multiply(BigDecimal.valueOf(quantity)).toPlainString());
        return new Webhook(
                "/webhooks/amazon/" + channel.id(),
                body,
                headers,
                orderId,
                notificationId,
                listed,
                item.path("OrderItemId").asText());
    }

    /**
     * Etsy's webhook names the receipt only ({@code event_type}, {@code resource_url}, {@code shop_id}); the receipt
     * (a ShopReceipt with one transaction) is what getShopReceipt answers. Signed as Standard Webhooks.
     */
    private Webhook etsy(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
        long receiptId = 3_000_000_000L + orderNumber;
        long transactionId = 4_000_000_000L + orderNumber;
        long now = Instant.now().getEpochSecond();
        String shop = ChannelConfig.ETSY_SHOP_ID;
        ObjectNode receipt = mapper.createObjectNode();
        receipt.put("receipt_id", receiptId);
        receipt.put("receipt_type", 0);
        receipt.put("seller_user_id", 70_000_001L);
        receipt.put("buyer_user_id", 80_000_000L + orderNumber % 1_000_000);
        receipt.put("name", "Sim Buyer");
        receipt.put("first_line", "Invalidenstrasse 1");
        receipt.putNull("second_line");
        receipt.put("city", "Berlin");
        receipt.putNull("state");
        receipt.put("zip", channel.shipTo().postalCode());
        receipt.put("country_iso", channel.shipTo().countryCode());
        receipt.put("status", "paid");
        receipt.put("payment_method", "cc");
        receipt.put("is_paid", true);
        receipt.put("is_shipped", false);
        receipt.put("is_gift", false);
        receipt.put("create_timestamp", now);
        receipt.put("created_timestamp", now);
        receipt.put("update_timestamp", now);
        receipt.put("updated_timestamp", now);
        money(receipt.putObject("grandtotal"), 1990L * quantity);
        receipt.putArray("shipments");
        receipt.putArray("refunds");
        ObjectNode transaction = receipt.putArray("transactions").addObject();
        transaction.put("transaction_id", transactionId);
        transaction.put("title", "Simulated listing " + listingId);
        transaction.put("seller_user_id", 70_000_001L);
        transaction.put("buyer_user_id", receipt.path("buyer_user_id").asLong());
        transaction.put("create_timestamp", now);
        transaction.put("paid_timestamp", now);
        transaction.putNull("shipped_timestamp");
        transaction.put("quantity", quantity);
        transaction.put("receipt_id", receiptId);
        transaction.put("is_digital", false);
        putId(transaction, "listing_id", listingId);
        transaction.put("transaction_type", "listing");
        transaction.put("product_id", etsyProductId(listingId));
        transaction.putNull("sku");
        money(transaction.putObject("price"), 1990L);
        transaction.putArray("variations");
        transaction.putArray("product_data");
        ObjectNode event = mapper.createObjectNode();
        event.put("event_type", "order.paid");
        event.put("resource_url", "https://openapi.etsy.com/v3/application/shops/" + shop + "/receipts/" + receiptId);
        event.put("shop_id", Long.parseLong(shop));
        byte[] body = bytes(event);
        String webhookId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(now));
        headers.put("webhook-signature", Signatures.standardWebhook(channel.webhookSecret(), webhookId, now, body));
        return new Webhook(
                "/webhooks/etsy/" + channel.id(),
                body,
                headers,
                Long.toString(receiptId),
                webhookId,
                receipt,
                Long.toString(transactionId));
    }

    /**
     * The same order's webhook under a new delivery id: a duplicate the marketplace sends with a fresh id, or, with
     * {@code asUpdate}, the order's next event (WooCommerce {@code order.updated}, Shopify {@code orders/updated},
     * Amazon another {@code ORDER_CHANGE} notification), which can overtake the creation.
     */
    Webhook another(ChannelConfig channel, Webhook webhook, boolean asUpdate) {
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        byte[] body = webhook.body();
        switch (channel.type()) {
            case "woocommerce" -> {
                headers.put("X-WC-Webhook-Delivery-ID", deliveryId);
                if (asUpdate) {
                    headers.put("X-WC-Webhook-Topic", "order.updated");
                    headers.put("X-WC-Webhook-Event", "updated");
                }
            }
            case "shopify" -> {
                headers.put("X-Shopify-Webhook-Id", deliveryId);
                headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
                if (asUpdate) {
                    headers.put("X-Shopify-Topic", "orders/updated");
                }
            }
            case "amazon" -> {
                ObjectNode root = readObject(body);
                ObjectNode metadata = (ObjectNode) root.path("NotificationMetadata");
                metadata.put("NotificationId", deliveryId);
                if (asUpdate) {
                    String now = Instant.now().toString();
                    root.put("EventTime", now);
                    metadata.put("PublishTime", now);
                    ObjectNode change = (ObjectNode) root.path("Payload").path("OrderChangeNotification");
                    change.put("NotificationLevel", "OrderItemLevel");
                    ((ObjectNode) change.path("OrderChangeTrigger")).put("TimeOfOrderChange", now);
                }
                body = bytes(root);
                headers.put("X-Shelfsync-Signature", Signatures.hmacSha256Base64(channel.webhookSecret(), body));
            }
            default -> throw new IllegalArgumentException("no second webhook for a " + channel.type() + " order");
        }
        if (!channel.type().equals("amazon")) {
            String signature = channel.type().equals("shopify") ? "X-Shopify-Hmac-Sha256" : "X-WC-Webhook-Signature";
            headers.put(signature, Signatures.hmacSha256Base64(channel.webhookSecret(), body));
        }
        return new Webhook(
                webhook.path(),
                body,
                headers,
                webhook.externalOrderId(),
                deliveryId,
                webhook.order(),
                webhook.lineId());
    }

    private ObjectNode readObject(byte[] body) {
        try {
            return (ObjectNode) mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one unit of any simulated Amazon listing sells for, in EUR. */
    static final BigDecimal AMAZON_UNIT_PRICE = new BigDecimal("19.90");

    /** The product id of a simulated Etsy listing (each has one product, no variations). */
    static long etsyProductId(String listingId) {
        return 20_000_000_000L + Math.abs((long) listingId.hashCode() % 1_000_000_000L);
    }

    static void money(ObjectNode node, long cents) {
        node.put("amount", cents);
        node.put("divisor", 100);
        node.put("currency_code", "EUR");
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

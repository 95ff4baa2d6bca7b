package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Amazon's ORDER_CHANGE notifications. Amazon delivers them to an SQS queue; a relay forwards each message body to the
 * gateway and signs it with the channel's webhook secret (header {@code X-Shelfsync-Signature}), as a Shopify webhook
 * is signed.
 */
final class AmazonWebhooks {

    /** What one unit of any simulated Amazon listing sells for, in EUR. */
    static final BigDecimal AMAZON_UNIT_PRICE = new BigDecimal("19.90");

    private final ObjectMapper mapper;

    AmazonWebhooks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    NativeOrders.Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
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
        byte[] body = NativeOrders.bytes(mapper, root);
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
        return new NativeOrders.Webhook(
                "/webhooks/amazon/" + channel.id(),
                body,
                headers,
                orderId,
                notificationId,
                listed,
                item.path("OrderItemId").asText());
    }

    /** The same notification under a new id; with {@code asUpdate} a later, item-level change of the order. */
    NativeOrders.Webhook another(ChannelConfig channel, NativeOrders.Webhook webhook, boolean asUpdate) {
        String deliveryId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        ObjectNode root = readObject(webhook.body());
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
        byte[] body = NativeOrders.bytes(mapper, root);
        headers.put("X-Shelfsync-Signature", Signatures.hmacSha256Base64(channel.webhookSecret(), body));
        return webhook.redelivery(deliveryId, body, headers);
    }

    private ObjectNode readObject(byte[] body) {
        try {
            return (ObjectNode) mapper.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

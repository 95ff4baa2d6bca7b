package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Etsy's {@code order.paid} webhook. It names the receipt only ({@code event_type}, {@code resource_url},
 * {@code shop_id}); the receipt (a ShopReceipt with one transaction) is what getShopReceipt answers. Signed as Standard
 * Webhooks.
 */
final class EtsyWebhooks {

    private final ObjectMapper mapper;

    EtsyWebhooks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    NativeOrders.Webhook orderCreated(ChannelConfig channel, long orderNumber, String listingId, int quantity) {
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
        SimulatedOrders.putId(transaction, "listing_id", listingId);
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
        byte[] body = NativeOrders.bytes(mapper, event);
        String webhookId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(now));
        headers.put("webhook-signature", Signatures.standardWebhook(channel.webhookSecret(), webhookId, now, body));
        return new NativeOrders.Webhook(
                "/webhooks/etsy/" + channel.id(),
                body,
                headers,
                Long.toString(receiptId),
                webhookId,
                receipt,
                Long.toString(transactionId));
    }

    /** The product id of a simulated Etsy listing (each has one product, no variations). */
    static long etsyProductId(String listingId) {
        return 20_000_000_000L + Math.abs((long) listingId.hashCode() % 1_000_000_000L);
    }

    /** Etsy's Money: an integer amount with its divisor. */
    static void money(ObjectNode node, long cents) {
        node.put("amount", cents);
        node.put("divisor", 100);
        node.put("currency_code", "EUR");
    }
}

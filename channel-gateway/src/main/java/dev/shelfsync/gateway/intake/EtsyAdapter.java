package dev.shelfsync.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.gateway.error.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Etsy Open API v3 webhooks and receipts. A webhook ({@code order.paid}, {@code order.canceled}) carries only
 * {@code event_type}, {@code shop_id} and the receipt's {@code resource_url}; the order itself is the ShopReceipt
 * fetched from the shop's API. One transaction is one order line; its listing keys are the product id (a variation),
 * then the listing id, then the SKU.
 */
final class EtsyAdapter {

    static final String ORDER_PAID = "order.paid";
    static final String ORDER_CANCELED = "order.canceled";
    private static final Pattern RECEIPT_URL = Pattern.compile("/shops/(\\d{1,19})/receipts/(\\d{1,19})/?$");

    /** What an Etsy webhook points at; {@code receiptId} is null for events Shelfsync does not act on. */
    record Notification(String eventType, String shopId, String receiptId) {}

    private EtsyAdapter() {}

    static Notification notification(JsonNode body) {
        String eventType = Payloads.requiredId(body, "event_type");
        if (!ORDER_PAID.equals(eventType) && !ORDER_CANCELED.equals(eventType)) {
            return new Notification(eventType, Payloads.optionalId(body, "shop_id"), null);
        }
        String url = Payloads.requiredId(body, "resource_url");
        Matcher receipt = RECEIPT_URL.matcher(url);
        if (!receipt.find()) {
            throw ProblemException.malformed("resource_url does not name a shop receipt.");
        }
        String shopId = Payloads.optionalId(body, "shop_id");
        if (shopId != null && !shopId.equals(receipt.group(1))) {
            throw ProblemException.malformed("shop_id and resource_url name different shops.");
        }
        return new Notification(eventType, receipt.group(1), receipt.group(2));
    }

    /**
     * A ShopReceipt as getShopReceipt returns it. Canceled or fully refunded receipts cancel the order; paid ones
     * (also partially refunded) are orders; anything else (payment still processing) is not acted on yet.
     */
    static ParsedWebhook receipt(JsonNode receipt) {
        String receiptId = Payloads.requiredId(receipt, "receipt_id");
        String status = Payloads.text(receipt, "status");
        String normalized = status == null ? "" : status.toLowerCase(java.util.Locale.ROOT);
        if (normalized.equals("canceled") || normalized.equals("fully refunded")) {
            return new ParsedWebhook(ParsedWebhook.Kind.ORDER_CANCELLED, receiptId, List.of(), null, status, null);
        }
        if (!receipt.path("is_paid").asBoolean(false)
                && !normalized.equals("paid")
                && !normalized.equals("completed")) {
            return ParsedWebhook.ignored();
        }
        List<ParsedWebhook.NativeLine> lines = new ArrayList<>();
        for (JsonNode transaction : Payloads.requiredArray(receipt, "transactions")) {
            if (!transaction.isObject()) {
                throw ProblemException.malformed("A transaction is not an object.");
            }
            lines.add(new ParsedWebhook.NativeLine(
                    Payloads.requiredId(transaction, "transaction_id"),
                    Payloads.keys(
                            Payloads.optionalId(transaction, "product_id"),
                            Payloads.optionalId(transaction, "listing_id"),
                            Payloads.optionalId(transaction, "sku")),
                    Payloads.positiveQuantity(transaction, "quantity")));
        }
        ShipTo shipTo = receipt.hasNonNull("country_iso") || receipt.hasNonNull("zip")
                ? new ShipTo(Payloads.text(receipt, "country_iso"), Payloads.text(receipt, "zip"), null, null)
                : null;
        return new ParsedWebhook(ParsedWebhook.Kind.ORDER_CREATED, receiptId, lines, shipTo, null, null)
                .placedAt(Payloads.instant(receipt, "created_timestamp"));
    }
}

package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Etsy Open API v3's order side: receipts, receipt tracking, and listing inventory reads. */
final class EtsyOrders extends SimulatedOrders {

    private static final Pattern ETSY_RECEIPTS = Pattern.compile("^/v3/application/shops/([^/]+)/receipts$");
    private static final Pattern ETSY_RECEIPT = Pattern.compile("^/v3/application/shops/([^/]+)/receipts/([^/]+)$");
    private static final Pattern ETSY_TRACKING =
            Pattern.compile("^/v3/application/shops/([^/]+)/receipts/([^/]+)/tracking$");
    static final Pattern ETSY_INVENTORY = Pattern.compile("^/v3/application/listings/([^/]+)/inventory$");

    EtsyOrders(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    Reply answer(
            String method,
            String path,
            Map<String, String> params,
            JsonNode body,
            Map<String, Integer> listings,
            String origin) {
        return etsy(method, path, params, body, listings);
    }

    /** Etsy Open API v3: receipts (one, or those modified since), receipt tracking, listing inventory reads. */
    private Reply etsy(
            String method, String path, Map<String, String> params, JsonNode body, Map<String, Integer> listings) {
        Matcher m;
        if (method.equals("GET") && (m = ETSY_INVENTORY.matcher(path)).matches()) {
            String listingId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            // Like the other simulated shops, which take a first push for any listing id, this shop has every
            // listing it is asked about; one never listed shows 0.
            return Reply.json(200, etsyInventory(mapper, listingId, listings.getOrDefault(listingId, 0)));
        }
        if (!path.startsWith("/v3/application/shops/")) {
            return null;
        }
        if (!path.startsWith("/v3/application/shops/" + ChannelConfig.ETSY_SHOP_ID + "/")) {
            return etsyError(404, "Shop not found");
        }
        if (method.equals("GET") && ETSY_RECEIPTS.matcher(path).matches()) {
            orderReads++;
            long since = parseLong(params.get("min_last_modified"));
            int limit = (int) Math.min(100, Math.max(1, parseLong(params.getOrDefault("limit", "25"))));
            int offset = (int) Math.max(0, parseLong(params.get("offset")));
            List<Order> modified = orders.values().stream()
                    .filter(order -> order.updatedAt.getEpochSecond() >= since)
                    .toList();
            ObjectNode result = mapper.createObjectNode();
            result.put("count", modified.size());
            ArrayNode list = result.putArray("results");
            modified.stream().skip(offset).limit(limit).forEach(order -> list.add(order.json));
            return Reply.json(200, result);
        }
        if (method.equals("GET") && (m = ETSY_RECEIPT.matcher(path)).matches()) {
            Order order = orders.get(m.group(2));
            return order == null ? etsyError(404, "Receipt not found") : Reply.json(200, order.json);
        }
        if (method.equals("POST") && (m = ETSY_TRACKING.matcher(path)).matches()) {
            Order order = orders.get(m.group(2));
            if (order == null) {
                return etsyError(404, "Receipt not found");
            }
            String code = body.path("tracking_code").asText("");
            String carrier = body.path("carrier_name").asText("");
            if (code.isEmpty() || carrier.isEmpty()) {
                return etsyError(400, "tracking_code and carrier_name are required together");
            }
            ArrayNode shipments = (ArrayNode) order.json.path("shipments");
            ObjectNode shipment = shipments.addObject();
            shipment.put("receipt_shipping_id", 5_000_000L + updates.size());
            shipment.put("shipment_notification_timestamp", Instant.now().getEpochSecond());
            shipment.put("carrier_name", carrier);
            shipment.put("tracking_code", code);
            order.json.put("is_shipped", true);
            order.json.put("status", "completed");
            order.updatedAt = Instant.now();
            order.json.put("updated_timestamp", order.updatedAt.getEpochSecond());
            // Etsy tracking is per receipt: every transaction ships with it.
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (JsonNode transaction : order.json.path("transactions")) {
                lines.put(
                        transaction.path("transaction_id").asText(),
                        transaction.path("quantity").asInt());
            }
            updates.add(new OrderUpdate(Instant.now(), "fulfilment", order.id, carrier, code, lines, code));
            return Reply.json(200, order.json);
        }
        return etsyError(404, "no such Etsy API");
    }

    /** A getListingInventory answer for a listing without variations: one product, one offering. */
    static ObjectNode etsyInventory(ObjectMapper mapper, String listingId, int quantity) {
        ObjectNode inventory = mapper.createObjectNode();
        putId(inventory, "listing_id", listingId);
        ObjectNode product = inventory.putArray("products").addObject();
        long productId = EtsyWebhooks.etsyProductId(listingId);
        product.put("product_id", productId);
        product.put("sku", "");
        product.put("is_deleted", false);
        ObjectNode offering = product.putArray("offerings").addObject();
        offering.put("offering_id", productId + 1);
        offering.put("quantity", quantity);
        offering.put("is_enabled", true);
        offering.put("is_deleted", false);
        EtsyWebhooks.money(offering.putObject("price"), 1990L);
        product.putArray("property_values");
        inventory.putArray("price_on_property");
        inventory.putArray("quantity_on_property");
        inventory.putArray("sku_on_property");
        return inventory;
    }

    private Reply etsyError(int status, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("error", message);
        return Reply.json(status, error);
    }
}

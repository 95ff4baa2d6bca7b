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

/** Amazon SP-API's order side: getOrders and getOrderItems with NextToken, shipment confirmations, listing reads. */
final class AmazonOrders extends SimulatedOrders {

    private static final Pattern AMAZON_ITEMS = Pattern.compile("^/orders/v0/orders/([^/]+)/orderItems$");
    private static final Pattern AMAZON_CONFIRM = Pattern.compile("^/orders/v0/orders/([^/]+)/shipmentConfirmation$");
    private static final Pattern AMAZON_LISTING = Pattern.compile("^/listings/2021-08-01/items/[^/]+/([^/]+)$");

    AmazonOrders(ObjectMapper mapper) {
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
        Matcher m;
        if (method.equals("GET") && path.equals("/orders/v0/orders")) {
            orderReads++;
            return amazonOrders(params);
        }
        if (method.equals("GET") && (m = AMAZON_ITEMS.matcher(path)).matches()) {
            Order order = orders.get(m.group(1));
            if (order == null) {
                return notFound("InvalidInput", "Invalid AmazonOrderId");
            }
            return amazonOrderItems(order, params);
        }
        if (method.equals("POST") && (m = AMAZON_CONFIRM.matcher(path)).matches()) {
            Order order = orders.get(m.group(1));
            if (order == null) {
                return notFound("InvalidInput", "Invalid AmazonOrderId");
            }
            return amazonConfirm(order, body);
        }
        if (method.equals("GET") && (m = AMAZON_LISTING.matcher(path)).matches()) {
            String sku = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            Integer quantity = listings.get(sku);
            if (quantity == null) {
                return notFound("NOT_FOUND", "SKU not found");
            }
            ObjectNode result = mapper.createObjectNode();
            result.put("sku", sku);
            ObjectNode availability = result.putArray("fulfillmentAvailability").addObject();
            availability.put("fulfillmentChannelCode", "DEFAULT");
            availability.put("quantity", quantity);
            return Reply.json(200, result);
        }
        return null;
    }

    // SP-API getOrders: MarketplaceIds always, MaxResultsPerPage up to 100, the rest behind payload.NextToken.
    private Reply amazonOrders(Map<String, String> params) {
        if (params.getOrDefault("MarketplaceIds", "").isBlank()) {
            return amazonInvalid("Missing required 'MarketplaceIds'");
        }
        Instant after;
        int offset;
        String token = params.get("NextToken");
        if (token != null) {
            Cursor cursor = Cursor.decode(token);
            if (cursor == null) {
                return amazonInvalid("Invalid NextToken");
            }
            after = cursor.since();
            offset = cursor.offset();
        } else {
            after = instant(params.get("LastUpdatedAfter"));
            offset = 0;
        }
        int limit = limit(params.get("MaxResultsPerPage"), 100, 100);
        List<Order> matching = orders.values().stream()
                .filter(order -> after == null || !order.updatedAt.isBefore(after))
                .toList();
        ArrayNode list = mapper.createArrayNode();
        matching.stream().skip(offset).limit(limit).forEach(order -> {
            ObjectNode summary = order.json.deepCopy();
            summary.remove("OrderItems");
            list.add(summary);
        });
        ObjectNode result = mapper.createObjectNode();
        ObjectNode payload = result.putObject("payload");
        payload.set("Orders", list);
        if (offset + limit < matching.size()) {
            payload.put("NextToken", new Cursor(after, offset + limit).encode());
        }
        return Reply.json(200, result);
    }

    // SP-API getOrderItems: long item lists continue behind payload.NextToken.
    private Reply amazonOrderItems(Order order, Map<String, String> params) {
        int offset = 0;
        String token = params.get("NextToken");
        if (token != null) {
            Cursor cursor = Cursor.decode(token);
            if (cursor == null) {
                return amazonInvalid("Invalid NextToken");
            }
            offset = cursor.offset();
        }
        JsonNode all = order.json.path("OrderItems");
        int limit = pageSize > 0 ? pageSize : 100;
        ObjectNode result = mapper.createObjectNode();
        ObjectNode payload = result.putObject("payload");
        payload.put("AmazonOrderId", order.id);
        ArrayNode items = payload.putArray("OrderItems");
        for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
            items.add(all.get(i).deepCopy());
        }
        if (offset + limit < all.size()) {
            payload.put("NextToken", new Cursor(null, offset + limit).encode());
        }
        return Reply.json(200, result);
    }

    private Reply amazonInvalid(String message) {
        ObjectNode error = mapper.createObjectNode();
        error.putArray("errors").addObject().put("code", "InvalidInput").put("message", message);
        return Reply.json(400, error);
    }

    private Reply amazonConfirm(Order order, JsonNode body) {
        JsonNode detail = body.path("packageDetail");
        String reference = detail.path("packageReferenceId").asText();
        if (reference.isEmpty() || !detail.hasNonNull("trackingNumber")) {
            ObjectNode error = mapper.createObjectNode();
            error.putArray("errors").addObject().put("code", "InvalidInput").put("message", "packageDetail incomplete");
            return Reply.json(400, error);
        }
        if (seenKeys.add("package:" + order.id + ":" + reference)) {
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (JsonNode item : detail.path("orderItems")) {
                lines.merge(
                        item.path("orderItemId").asText(), item.path("quantity").asInt(), Integer::sum);
            }
            order.json.put("OrderStatus", "Shipped");
            order.updatedAt = Instant.now();
            updates.add(new OrderUpdate(
                    Instant.now(),
                    "fulfilment",
                    order.id,
                    detail.path("carrierCode").asText(null),
                    detail.path("trackingNumber").asText(null),
                    lines,
                    reference));
        }
        return Reply.json(204, null);
    }
}

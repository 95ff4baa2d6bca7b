package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WooCommerce's order side: orders by page, an order's status and notes, refunds, and product stock reads. */
final class WooCommerceOrders extends SimulatedOrders {

    private static final Pattern WOO_ORDER = Pattern.compile("^/wp-json/wc/v3/orders/([^/]+)$");
    private static final Pattern WOO_REFUNDS = Pattern.compile("^/wp-json/wc/v3/orders/([^/]+)/refunds$");

    WooCommerceOrders(ObjectMapper mapper) {
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
        if (method.equals("GET") && path.equals("/wp-json/wc/v3/orders")) {
            orderReads++;
            return wooOrders(params);
        }
        if (method.equals("GET") && path.equals("/wp-json/wc/v3/products")) {
            ArrayNode list = mapper.createArrayNode();
            for (String id : params.getOrDefault("include", "").split(",")) {
                Integer quantity = listings.get(id);
                if (!id.isBlank() && quantity != null) {
                    ObjectNode product = list.addObject();
                    putId(product, "id", id);
                    product.put("manage_stock", true);
                    product.put("stock_quantity", quantity);
                }
            }
            return Reply.json(200, list);
        }
        if ((m = WOO_REFUNDS.matcher(path)).matches()) {
            Order order = orders.get(m.group(1));
            if (order == null) {
                return notFound("woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
            }
            return method.equals("GET")
                    ? Reply.json(200, mapper.valueToTree(order.refunds))
                    : method.equals("POST") ? wooRefund(order, body) : null;
        }
        if ((m = WOO_ORDER.matcher(path)).matches()) {
            Order order = orders.get(m.group(1));
            if (order == null) {
                return notFound("woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
            }
            if (method.equals("GET")) {
                return Reply.json(200, order.json);
            }
            if (method.equals("PUT")) {
                return wooUpdate(order, body);
            }
        }
        return null;
    }

    // WooCommerce REST: page / per_page, totals in X-WP-Total and X-WP-TotalPages.
    private Reply wooOrders(Map<String, String> params) {
        Instant after = instant(params.get("after"));
        int perPage = limit(params.get("per_page"), 10, 100);
        int page = Math.max(1, parse(params.get("page"), 1));
        List<Order> matching = orders.values().stream()
                .filter(order -> after == null || order.updatedAt.isAfter(after))
                .toList();
        ArrayNode list = mapper.createArrayNode();
        matching.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(order -> list.add(order.json));
        int pages = (matching.size() + perPage - 1) / perPage;
        return new Reply(
                200,
                list,
                Map.of("X-WP-Total", Integer.toString(matching.size()), "X-WP-TotalPages", Integer.toString(pages)));
    }

    private Reply wooUpdate(Order order, JsonNode body) {
        if (body.hasNonNull("status")) {
            order.json.put("status", body.path("status").asText());
        }
        ArrayNode meta = order.json.has("meta_data")
                ? (ArrayNode) order.json.get("meta_data")
                : order.json.putArray("meta_data");
        for (JsonNode entry : body.path("meta_data")) {
            String key = entry.path("key").asText();
            boolean known = false;
            for (JsonNode existing : meta) {
                known |= existing.path("key").asText().equals(key);
            }
            if (!known) {
                meta.add(entry.deepCopy());
                if (key.startsWith("_shelfsync_tracking_")) {
                    JsonNode value = entry.path("value");
                    Map<String, Integer> lines = new LinkedHashMap<>();
                    for (JsonNode line : value.path("lines")) {
                        lines.merge(
                                line.path("lineId").asText(),
                                line.path("quantity").asInt(),
                                Integer::sum);
                    }
                    updates.add(new OrderUpdate(
                            Instant.now(),
                            "fulfilment",
                            order.id,
                            value.path("carrier").asText(null),
                            value.path("tracking_number").asText(null),
                            lines,
                            key));
                }
            }
        }
        order.updatedAt = Instant.now();
        return Reply.json(200, order.json);
    }

    private Reply wooRefund(Order order, JsonNode body) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        double amount = 0;
        for (JsonNode item : body.path("line_items")) {
            lines.merge(item.path("id").asText(), item.path("quantity").asInt(), Integer::sum);
            amount += Double.parseDouble(item.path("refund_total").asText("0"));
        }
        ObjectNode refund = mapper.createObjectNode();
        refund.put("id", 90_000 + updates.size());
        refund.put("date_created_gmt", Instant.now().toString().substring(0, 19));
        refund.put("amount", String.format(java.util.Locale.ROOT, "%.2f", amount));
        refund.put("reason", body.path("reason").asText(""));
        refund.put("refunded_payment", body.path("api_refund").asBoolean(true));
        refund.set("line_items", body.path("line_items").deepCopy());
        order.refunds.add(refund);
        order.updatedAt = Instant.now();
        updates.add(new OrderUpdate(
                Instant.now(),
                "refund",
                order.id,
                null,
                null,
                lines,
                body.path("reason").asText(null)));
        return Reply.json(201, refund);
    }
}

package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shopify's order side: the REST order list with cursor pages, and the GraphQL fulfilment and refund mutations. */
final class ShopifyOrders extends SimulatedOrders {

    private static final Pattern SHOPIFY_ORDERS = Pattern.compile("^/admin/api/[^/]+/orders\\.json$");
    private static final Pattern IDEMPOTENT = Pattern.compile("@idempotent\\(key:\\s*\"([^\"]*)\"\\)");

    ShopifyOrders(ObjectMapper mapper) {
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
        if (method.equals("GET") && SHOPIFY_ORDERS.matcher(path).matches()) {
            orderReads++;
            return shopifyOrders(path, params, origin);
        }
        if (method.equals("POST") && path.matches("^/admin/api/[^/]+/graphql\\.json$")) {
            String graphql = body.path("query").asText();
            if (graphql.contains("inventorySetQuantities")) {
                return null;
            }
            return shopifyGraphql(graphql, body.path("variables"), listings);
        }
        return null;
    }

    // Shopify REST: cursor pagination. A page_info request takes only limit (and fields); the next page is announced
    // in the Link header.
    private Reply shopifyOrders(String path, Map<String, String> params, String origin) {
        Instant since;
        int offset;
        String pageInfo = params.get("page_info");
        if (pageInfo != null) {
            if (params.containsKey("updated_at_min") || params.containsKey("status")) {
                return badRequest("page_info cannot be combined with other filters");
            }
            Cursor cursor = Cursor.decode(pageInfo);
            if (cursor == null) {
                return badRequest("Invalid page_info");
            }
            since = cursor.since();
            offset = cursor.offset();
        } else {
            since = instant(params.get("updated_at_min"));
            offset = 0;
        }
        int limit = limit(params.get("limit"), 50, 250);
        List<Order> matching = orders.values().stream()
                .filter(order -> since == null || !order.updatedAt.isBefore(since))
                .toList();
        ArrayNode list = mapper.createArrayNode();
        matching.stream().skip(offset).limit(limit).forEach(order -> list.add(order.json));
        ObjectNode result = mapper.createObjectNode();
        result.set("orders", list);
        List<String> links = new ArrayList<>();
        String self = origin + path + "?limit=" + limit + "&page_info=";
        if (offset > 0) {
            links.add("<" + self + new Cursor(since, Math.max(0, offset - limit)).encode() + ">; rel=\"previous\"");
        }
        if (offset + limit < matching.size()) {
            links.add("<" + self + new Cursor(since, offset + limit).encode() + ">; rel=\"next\"");
        }
        return new Reply(200, result, links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links)));
    }

    private Reply badRequest(String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("errors", message);
        return Reply.json(400, error);
    }

    private Reply shopifyGraphql(String graphql, JsonNode variables, Map<String, Integer> listings) {
        ObjectNode response = mapper.createObjectNode();
        ObjectNode data = response.putObject("data");
        if (graphql.contains("fulfillmentCreate(")) {
            ObjectNode result = data.putObject("fulfillmentCreate");
            JsonNode input = variables.path("fulfillment");
            Map<String, Integer> fulfilled = new LinkedHashMap<>();
            Order target = null;
            for (JsonNode group : input.path("lineItemsByFulfillmentOrder")) {
                Order order =
                        orders.get(afterSlash(group.path("fulfillmentOrderId").asText()));
                if (order == null) {
                    return userError(response, result, "Fulfillment order does not exist.");
                }
                target = order;
                for (JsonNode item : group.path("fulfillmentOrderLineItems")) {
                    Line line = line(order, afterSlash(item.path("id").asText()));
                    int quantity = item.path("quantity").asInt();
                    if (line == null || quantity <= 0 || quantity > line.remaining) {
                        return userError(response, result, "Invalid fulfillment order line item quantity requested.");
                    }
                    line.remaining -= quantity;
                    fulfilled.merge(line.lineId, quantity, Integer::sum);
                }
            }
            if (target == null) {
                return userError(response, result, "lineItemsByFulfillmentOrder must not be empty.");
            }
            target.updatedAt = Instant.now();
            JsonNode tracking = input.path("trackingInfo");
            updates.add(new OrderUpdate(
                    Instant.now(),
                    "fulfilment",
                    target.id,
                    tracking.path("company").asText(null),
                    tracking.path("number").asText(null),
                    fulfilled,
                    tracking.path("number").asText(null)));
            ObjectNode fulfillment = result.putObject("fulfillment");
            fulfillment.put("id", "gid://shopify/Fulfillment/" + (updates.size() + 1000));
            fulfillment.put("status", "SUCCESS");
            fulfillment.putArray("trackingInfo").add(tracking.deepCopy());
            result.putArray("userErrors");
            return Reply.json(200, response);
        }
        if (graphql.contains("refundCreate(")) {
            ObjectNode result = data.putObject("refundCreate");
            JsonNode input = variables.path("input");
            Order order = orders.get(afterSlash(input.path("orderId").asText()));
            if (order == null) {
                return userError(response, result, "Order does not exist.");
            }
            Matcher key = IDEMPOTENT.matcher(graphql);
            String idempotencyKey = key.find() ? key.group(1) : null;
            if (idempotencyKey == null || seenKeys.add("refund:" + idempotencyKey)) {
                Map<String, Integer> lines = new LinkedHashMap<>();
                for (JsonNode item : input.path("refundLineItems")) {
                    lines.merge(
                            afterSlash(item.path("lineItemId").asText()),
                            item.path("quantity").asInt(),
                            Integer::sum);
                }
                updates.add(new OrderUpdate(
                        Instant.now(),
                        "refund",
                        order.id,
                        null,
                        null,
                        lines,
                        input.path("note").asText(null)));
            }
            ObjectNode refund = result.putObject("refund");
            refund.put("id", "gid://shopify/Refund/" + Math.abs((idempotencyKey + order.id).hashCode()));
            refund.put("note", input.path("note").asText(null));
            result.putArray("userErrors");
            return Reply.json(200, response);
        }
        if (graphql.contains("fulfillmentOrders")) {
            Order order = orders.get(afterSlash(variables.path("id").asText()));
            if (order == null) {
                data.putNull("order");
                return Reply.json(200, response);
            }
            ObjectNode node = data.putObject("order");
            node.put("id", "gid://shopify/Order/" + order.id);
            ObjectNode fulfillmentOrder =
                    node.putObject("fulfillmentOrders").putArray("nodes").addObject();
            fulfillmentOrder.put("id", "gid://shopify/FulfillmentOrder/" + order.id);
            boolean open = order.lines.stream().anyMatch(line -> line.remaining > 0);
            fulfillmentOrder.put("status", open ? "OPEN" : "CLOSED");
            ArrayNode items = fulfillmentOrder.putObject("lineItems").putArray("nodes");
            for (Line line : order.lines) {
                ObjectNode item = items.addObject();
                item.put("id", "gid://shopify/FulfillmentOrderLineItem/" + line.lineId);
                item.put("remainingQuantity", line.remaining);
                item.putObject("lineItem").put("id", "gid://shopify/LineItem/" + line.lineId);
            }
            return Reply.json(200, response);
        }
        if (graphql.contains("nodes(ids:")) {
            ArrayNode nodes = data.putArray("nodes");
            for (JsonNode id : variables.path("ids")) {
                Integer quantity = listings.get(afterSlash(id.asText()));
                if (quantity == null) {
                    nodes.addNull();
                    continue;
                }
                ObjectNode item = nodes.addObject();
                item.put("id", id.asText());
                ObjectNode level = item.putObject("inventoryLevel");
                ObjectNode available = level.putArray("quantities").addObject();
                available.put("name", "available");
                available.put("quantity", quantity);
            }
            return Reply.json(200, response);
        }
        return Reply.error(mapper, 200, "operation not simulated");
    }

    private Reply userError(ObjectNode response, ObjectNode result, String message) {
        result.putNull("fulfillment");
        result.putArray("userErrors").addObject().put("message", message);
        return Reply.json(200, response);
    }
}

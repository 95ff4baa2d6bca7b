package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order side of one simulated marketplace: the orders its buyers placed (listed by each marketplace's order API,
 * whether or not their webhook was sent), fulfilments with tracking and refunds created by the gateway, and reads of
 * listed quantities. Guarded by the owning {@link SimulatedChannel}'s monitor.
 */
final class SimulatedOrders {

    private static final Pattern SHOPIFY_ORDERS = Pattern.compile("^/admin/api/[^/]+/orders\\.json$");
    private static final Pattern WOO_ORDER = Pattern.compile("^/wp-json/wc/v3/orders/([^/]+)$");
    private static final Pattern WOO_REFUNDS = Pattern.compile("^/wp-json/wc/v3/orders/([^/]+)/refunds$");
    private static final Pattern AMAZON_ITEMS = Pattern.compile("^/orders/v0/orders/([^/]+)/orderItems$");
    private static final Pattern AMAZON_CONFIRM = Pattern.compile("^/orders/v0/orders/([^/]+)/shipmentConfirmation$");
    private static final Pattern AMAZON_LISTING = Pattern.compile("^/listings/2021-08-01/items/[^/]+/([^/]+)$");
    private static final Pattern ETSY_RECEIPTS = Pattern.compile("^/v3/application/shops/([^/]+)/receipts$");
    private static final Pattern ETSY_RECEIPT = Pattern.compile("^/v3/application/shops/([^/]+)/receipts/([^/]+)$");
    private static final Pattern ETSY_TRACKING =
            Pattern.compile("^/v3/application/shops/([^/]+)/receipts/([^/]+)/tracking$");
    static final Pattern ETSY_INVENTORY = Pattern.compile("^/v3/application/listings/([^/]+)/inventory$");
    private static final Pattern IDEMPOTENT = Pattern.compile("@idempotent\\(key:\\s*\"([^\"]*)\"\\)");

    /** One order line: the listing and how many units still wait for fulfilment. */
    private static final class Line {
        final String lineId;
        final String listingId;
        final int quantity;
        int remaining;

        Line(String lineId, String listingId, int quantity) {
            this.lineId = lineId;
            this.listingId = listingId;
            this.quantity = quantity;
            this.remaining = quantity;
        }
    }

    private static final class Order {
        final String id;
        final ObjectNode json;
        final List<Line> lines = new ArrayList<>();
        final List<ObjectNode> refunds = new ArrayList<>();
        Instant updatedAt = Instant.now();

        Order(String id, ObjectNode json) {
            this.id = id;
            this.json = json;
        }
    }

    private final String type;
    private final ObjectMapper mapper;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    private final Set<String> seenKeys = new HashSet<>();
    private int orderReads;
    private int pageSize;

    SimulatedOrders(String type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    void placed(NativeOrders.Webhook webhook, String listingId, int quantity) {
        Order order = new Order(webhook.externalOrderId(), webhook.order());
        order.lines.add(new Line(webhook.lineId(), listingId, quantity));
        orders.put(order.id, order);
    }

    List<OrderUpdate> updates() {
        return List.copyOf(updates);
    }

    /** An Amazon order's item as getOrderItems lists it, or null. */
    JsonNode amazonOrderItem(String amazonOrderId, String orderItemId) {
        Order order = orders.get(amazonOrderId);
        if (order == null) {
            return null;
        }
        for (JsonNode item : order.json.path("OrderItems")) {
            if (item.path("OrderItemId").asText().equals(orderItemId)) {
                return item;
            }
        }
        return null;
    }

    /** A refund the marketplace applied by its own means (an Amazon payment-adjustment feed). */
    void refunded(OrderUpdate refund) {
        Order order = orders.get(refund.externalOrderId());
        if (order != null) {
            order.updatedAt = Instant.now();
        }
        updates.add(refund);
    }

    int orderReads() {
        return orderReads;
    }

    /** Caps every order-list and order-item page at {@code size} (0: each marketplace's own page sizes). */
    void pageSize(int size) {
        pageSize = Math.max(0, size);
    }

    /**
     * Answers an order or read API call, or returns null when the path is not one of them (then it is a push).
     *
     * @param listings the channel's listed quantities, for quantity reads
     * @param origin this channel's base URL as the caller reached it, for pagination links
     */
    SimulatedChannel.Reply handle(
            String method, String path, String query, JsonNode body, Map<String, Integer> listings, String origin) {
        Map<String, String> params = params(query);
        Matcher m;
        switch (type) {
            case "shopify" -> {
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
            }
            case "woocommerce" -> {
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
                    return SimulatedChannel.Reply.json(200, list);
                }
                if ((m = WOO_REFUNDS.matcher(path)).matches()) {
                    Order order = orders.get(m.group(1));
                    if (order == null) {
                        return notFound("woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
                    }
                    return method.equals("GET")
                            ? SimulatedChannel.Reply.json(200, mapper.valueToTree(order.refunds))
                            : method.equals("POST") ? wooRefund(order, body) : null;
                }
                if ((m = WOO_ORDER.matcher(path)).matches()) {
                    Order order = orders.get(m.group(1));
                    if (order == null) {
                        return notFound("woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
                    }
                    if (method.equals("GET")) {
                        return SimulatedChannel.Reply.json(200, order.json);
                    }
                    if (method.equals("PUT")) {
                        return wooUpdate(order, body);
                    }
                }
            }
            case "amazon" -> {
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
                    ObjectNode availability =
                            result.putArray("fulfillmentAvailability").addObject();
                    availability.put("fulfillmentChannelCode", "DEFAULT");
                    availability.put("quantity", quantity);
                    return SimulatedChannel.Reply.json(200, result);
                }
            }
            case "etsy" -> {
                return etsy(method, path, params, body, listings);
            }
            default -> {}
        }
        return null;
    }

    // Shopify REST: cursor pagination. A page_info request takes only limit (and fields); the next page is announced
    // in the Link header.
    private SimulatedChannel.Reply shopifyOrders(String path, Map<String, String> params, String origin) {
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
        return new SimulatedChannel.Reply(
                200, result, links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links)));
    }

    // WooCommerce REST: page / per_page, totals in X-WP-Total and X-WP-TotalPages.
    private SimulatedChannel.Reply wooOrders(Map<String, String> params) {
        Instant after = instant(params.get("after"));
        int perPage = limit(params.get("per_page"), 10, 100);
        int page = Math.max(1, parse(params.get("page"), 1));
        List<Order> matching = orders.values().stream()
                .filter(order -> after == null || order.updatedAt.isAfter(after))
                .toList();
        ArrayNode list = mapper.createArrayNode();
        matching.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(order -> list.add(order.json));
        int pages = (matching.size() + perPage - 1) / perPage;
        return new SimulatedChannel.Reply(
                200,
                list,
                Map.of("X-WP-Total", Integer.toString(matching.size()), "X-WP-TotalPages", Integer.toString(pages)));
    }

    // SP-API getOrders: MarketplaceIds always, MaxResultsPerPage up to 100, the rest behind payload.NextToken.
    private SimulatedChannel.Reply amazonOrders(Map<String, String> params) {
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
        return SimulatedChannel.Reply.json(200, result);
    }

    // SP-API getOrderItems: long item lists continue behind payload.NextToken.
    private SimulatedChannel.Reply amazonOrderItems(Order order, Map<String, String> params) {
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
        return SimulatedChannel.Reply.json(200, result);
    }

    /** The page size a request asks for, within the marketplace's bounds and the simulator's cap. */
    private int limit(String requested, int fallback, int max) {
        int limit = Math.min(max, Math.max(1, parse(requested, fallback)));
        return pageSize > 0 ? Math.min(limit, pageSize) : limit;
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** An opaque page token: the list's filter time and the offset of the next page. */
    private record Cursor(Instant since, int offset) {
        String encode() {
            String text = (since == null ? "" : Long.toString(since.toEpochMilli())) + "|" + offset;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                Instant since = bar == 0 ? null : Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar)));
                int offset = Integer.parseInt(text.substring(bar + 1));
                return offset < 0 ? null : new Cursor(since, offset);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private SimulatedChannel.Reply badRequest(String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("errors", message);
        return SimulatedChannel.Reply.json(400, error);
    }

    private SimulatedChannel.Reply amazonInvalid(String message) {
        ObjectNode error = mapper.createObjectNode();
        error.putArray("errors").addObject().put("code", "InvalidInput").put("message", message);
        return SimulatedChannel.Reply.json(400, error);
    }

    /** Etsy Open API v3: receipts (one, or those modified since), receipt tracking, listing inventory reads. */
    private SimulatedChannel.Reply etsy(
            String method, String path, Map<String, String> params, JsonNode body, Map<String, Integer> listings) {
        Matcher m;
        if (method.equals("GET") && (m = ETSY_INVENTORY.matcher(path)).matches()) {
            String listingId = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            // Like the other simulated shops, which take a first push for any listing id, this shop has every
            // listing it is asked about; one never listed shows 0.
            return SimulatedChannel.Reply.json(
                    200, etsyInventory(mapper, listingId, listings.getOrDefault(listingId, 0)));
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
            return SimulatedChannel.Reply.json(200, result);
        }
        if (method.equals("GET") && (m = ETSY_RECEIPT.matcher(path)).matches()) {
            Order order = orders.get(m.group(2));
            return order == null ? etsyError(404, "Receipt not found") : SimulatedChannel.Reply.json(200, order.json);
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
            return SimulatedChannel.Reply.json(200, order.json);
        }
        return etsyError(404, "no such Etsy API");
    }

    /** A getListingInventory answer for a listing without variations: one product, one offering. */
    static ObjectNode etsyInventory(ObjectMapper mapper, String listingId, int quantity) {
        ObjectNode inventory = mapper.createObjectNode();
        putId(inventory, "listing_id", listingId);
        ObjectNode product = inventory.putArray("products").addObject();
        long productId = NativeOrders.etsyProductId(listingId);
        product.put("product_id", productId);
        product.put("sku", "");
        product.put("is_deleted", false);
        ObjectNode offering = product.putArray("offerings").addObject();
        offering.put("offering_id", productId + 1);
        offering.put("quantity", quantity);
        offering.put("is_enabled", true);
        offering.put("is_deleted", false);
        NativeOrders.money(offering.putObject("price"), 1990L);
        product.putArray("property_values");
        inventory.putArray("price_on_property");
        inventory.putArray("quantity_on_property");
        inventory.putArray("sku_on_property");
        return inventory;
    }

    private SimulatedChannel.Reply etsyError(int status, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("error", message);
        return SimulatedChannel.Reply.json(status, error);
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private SimulatedChannel.Reply shopifyGraphql(String graphql, JsonNode variables, Map<String, Integer> listings) {
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
            return SimulatedChannel.Reply.json(200, response);
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
            return SimulatedChannel.Reply.json(200, response);
        }
        if (graphql.contains("fulfillmentOrders")) {
            Order order = orders.get(afterSlash(variables.path("id").asText()));
            if (order == null) {
                data.putNull("order");
                return SimulatedChannel.Reply.json(200, response);
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
            return SimulatedChannel.Reply.json(200, response);
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
            return SimulatedChannel.Reply.json(200, response);
        }
        ObjectNode error = mapper.createObjectNode();
        error.putArray("errors").addObject().put("message", "operation not simulated");
        return SimulatedChannel.Reply.json(200, error);
    }

    private SimulatedChannel.Reply userError(ObjectNode response, ObjectNode result, String message) {
        result.putNull("fulfillment");
        result.putArray("userErrors").addObject().put("message", message);
        return SimulatedChannel.Reply.json(200, response);
    }

    private SimulatedChannel.Reply wooUpdate(Order order, JsonNode body) {
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
        return SimulatedChannel.Reply.json(200, order.json);
    }

    private SimulatedChannel.Reply wooRefund(Order order, JsonNode body) {
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
        return SimulatedChannel.Reply.json(201, refund);
    }

    private SimulatedChannel.Reply amazonConfirm(Order order, JsonNode body) {
        JsonNode detail = body.path("packageDetail");
        String reference = detail.path("packageReferenceId").asText();
        if (reference.isEmpty() || !detail.hasNonNull("trackingNumber")) {
            ObjectNode error = mapper.createObjectNode();
            error.putArray("errors").addObject().put("code", "InvalidInput").put("message", "packageDetail incomplete");
            return SimulatedChannel.Reply.json(400, error);
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
        return SimulatedChannel.Reply.json(204, null);
    }

    private static Line line(Order order, String fulfillmentOrderLineId) {
        for (Line line : order.lines) {
            if (line.lineId.equals(fulfillmentOrderLineId)) {
                return line;
            }
        }
        return null;
    }

    private SimulatedChannel.Reply notFound(String code, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        return SimulatedChannel.Reply.json(404, error);
    }

    private static String afterSlash(String gid) {
        return gid.substring(gid.lastIndexOf('/') + 1);
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(value.endsWith("Z") ? value : value + "Z");
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    /** A query string's parameters, decoded (the simulated APIs and feeds share it). */
    static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isBlank()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static void putId(ObjectNode node, String field, String id) {
        if (id.matches("\\d{1,18}")) {
            node.put(field, Long.parseLong(id));
        } else {
            node.put(field, id);
        }
    }
}

package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The order side of one simulated marketplace: the orders its buyers placed (listed by each marketplace's order API,
 * whether or not their webhook was sent), fulfilments with tracking and refunds created by the gateway, and reads of
 * listed quantities. Guarded by the owning {@link SimulatedChannel}'s monitor.
 *
 * <p>One subclass per marketplace answers its own order APIs; a custom channel has none.
 */
class SimulatedOrders {

    /** One order line: the listing and how many units still wait for fulfilment. */
    static final class Line {
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

    /** An order as the marketplace's API shows it, with its lines and the refunds applied to it. */
    static final class Order {
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

    final ObjectMapper mapper;
    final Map<String, Order> orders = new LinkedHashMap<>();
    final List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
    final Set<String> seenKeys = new HashSet<>();
    int orderReads;
    int pageSize;

    SimulatedOrders(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The order side of a marketplace of this type. */
    static SimulatedOrders of(String type, ObjectMapper mapper) {
        return switch (type) {
            case "shopify" -> new ShopifyOrders(mapper);
            case "woocommerce" -> new WooCommerceOrders(mapper);
            case "amazon" -> new AmazonOrders(mapper);
            case "etsy" -> new EtsyOrders(mapper);
            default -> new SimulatedOrders(mapper);
        };
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
    Reply handle(
            String method, String path, String query, JsonNode body, Map<String, Integer> listings, String origin) {
        return answer(method, path, params(query), body, listings, origin);
    }

    /** This marketplace's answer, or null when the path is none of its order or read APIs. */
    Reply answer(
            String method,
            String path,
            Map<String, String> params,
            JsonNode body,
            Map<String, Integer> listings,
            String origin) {
        return null;
    }

    /** The page size a request asks for, within the marketplace's bounds and the simulator's cap. */
    int limit(String requested, int fallback, int max) {
        int limit = Math.min(max, Math.max(1, parse(requested, fallback)));
        return pageSize > 0 ? Math.min(limit, pageSize) : limit;
    }

    static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** An opaque page token: the list's filter time and the offset of the next page. */
    record Cursor(Instant since, int offset) {
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

    static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static Line line(Order order, String fulfillmentOrderLineId) {
        for (Line line : order.lines) {
            if (line.lineId.equals(fulfillmentOrderLineId)) {
                return line;
            }
        }
        return null;
    }

    Reply notFound(String code, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        return Reply.json(404, error);
    }

    static String afterSlash(String gid) {
        return gid.substring(gid.lastIndexOf('/') + 1);
    }

    static Instant instant(String value) {
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

    static void putId(ObjectNode node, String field, String id) {
        if (id.matches("\\d{1,18}")) {
            node.put(field, Long.parseLong(id));
        } else {
            node.put(field, id);
        }
    }
}

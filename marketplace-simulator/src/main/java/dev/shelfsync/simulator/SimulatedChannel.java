package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One simulated marketplace: its own listed quantities, the pushes it accepted, its rate limit and injected failures.
 * All state changes are guarded by the instance's monitor; the push log is safe to read at any time.
 */
final class SimulatedChannel {

    static final String VERSIONS_HEADER = "X-Shelfsync-Versions";
    static final String SALES_HEADER = "X-Shelfsync-Sales-In-Flight";
    private static final String SHOPIFY_GRAPHQL = "^/admin/api/[^/]+/graphql\\.json$";
    private static final String WOO_BATCH = "/wp-json/wc/v3/products/batch";
    private static final String AMAZON_LISTING = "^/listings/2021-08-01/items/[^/]+/[^/]+$";

    /** What the HTTP layer should answer. */
    record Reply(int status, Object body, Map<String, String> headers) {
        static Reply json(int status, Object body) {
            return new Reply(status, body, Map.of());
        }
    }

    private final ChannelConfig config;
    private final ObjectMapper mapper;
    private final SimulatedOrders orders;
    private final SimulatedAmazonFeeds feeds;
    private final Map<String, Integer> listings = new LinkedHashMap<>();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    // Sales in flight per listing of the push being handled (handlePush is synchronized).
    private Map<String, Set<String>> salesOfThisPush = Map.of();
    private int staleComparisons;
    // Pushes are accepted and recorded but do not change what buyers see (a scheduled sync copies them later).
    private boolean holdPushes;
    private final List<Instant> acceptedRequests = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Long> window = new ArrayDeque<>();
    private int rejectedRequests;
    private int failStatus;
    private long failUntilNanos;

    SimulatedChannel(ChannelConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.orders = SimulatedOrders.of(config.type(), mapper);
        this.feeds = new SimulatedAmazonFeeds(mapper, orders);
        listings.putAll(config.listings());
    }

    ChannelConfig config() {
        return config;
    }

    synchronized Integer listed(String listingId) {
        return listings.get(listingId);
    }

    synchronized Map<String, Integer> listings() {
        return new LinkedHashMap<>(listings);
    }

    synchronized void setListed(String listingId, int quantity) {
        listings.put(listingId, quantity);
    }

    List<Push> pushes() {
        return List.copyOf(pushes);
    }

    List<Instant> acceptedRequests() {
        return List.copyOf(acceptedRequests);
    }

    synchronized int rejectedRequests() {
        return rejectedRequests;
    }

    synchronized void failFor(int status, long millis) {
        failStatus = status;
        failUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Takes the quantity off the listing if it is there; a real marketplace sells only what it shows. */
    synchronized boolean take(String listingId, int quantity) {
        Integer listed = listings.get(listingId);
        if (listed == null || quantity <= 0 || listed < quantity) {
            return false;
        }
        listings.put(listingId, listed - quantity);
        return true;
    }

    synchronized void placed(NativeOrders.Webhook webhook, String listingId, int quantity) {
        orders.placed(webhook, listingId, quantity);
    }

    List<OrderUpdate> orderUpdates() {
        return orders.updates();
    }

    List<AmazonFeed> amazonFeeds() {
        return feeds.feeds();
    }

    synchronized void failNextCreateFeeds(int times, boolean afterCreating) {
        feeds.failNextCreates(times, afterCreating);
    }

    synchronized int orderReads() {
        return orders.orderReads();
    }

    synchronized void orderPageSize(int size) {
        orders.pageSize(size);
    }

    /**
     * Handles any request to this channel's API; {@code path} is below the channel prefix. Order calls and reads
     * (order lists, fulfilments, refunds, listed quantities) are subject to injected failures but not to the push
     * rate limit and are not counted as accepted push requests.
     */
    synchronized Reply handle(String method, String path, String query, Map<String, String> headers, byte[] body) {
        if (System.nanoTime() < failUntilNanos) {
            rejectedRequests++;
            return failStatus == 429 ? throttled() : Reply.json(failStatus, error("simulated outage"));
        }
        boolean amazon = config.type().equals("amazon");
        if (amazon && path.startsWith(SimulatedAmazonFeeds.UPLOADS)) {
            return feeds.upload(method, path, query, headers, body);
        }
        Reply reply;
        try {
            JsonNode json = body == null || body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            String origin = "http://" + headers.getOrDefault("host", "127.0.0.1") + "/" + config.id();
            if (amazon && path.startsWith(SimulatedAmazonFeeds.FEEDS)) {
                return feeds.handle(method, path, query, json, origin);
            }
            reply = orders.handle(method, path, query, json, listings, origin);
        } catch (Exception e) {
            return Reply.json(400, error("unreadable request: " + e.getMessage()));
        }
        return reply != null ? reply : handlePush(method, path, headers, body);
    }

    /** Handles a push request to this channel's API; {@code path} is below the channel prefix. */
    synchronized Reply handlePush(String method, String path, Map<String, String> headers, byte[] body) {
        long now = System.nanoTime();
        if (now < failUntilNanos) {
            rejectedRequests++;
            return failStatus == 429 ? throttled() : Reply.json(failStatus, error("simulated outage"));
        }
        while (!window.isEmpty() && now - window.peekFirst() >= TimeUnit.SECONDS.toNanos(1)) {
            window.pollFirst();
        }
        if (window.size() >= config.rateLimitPerSecond()) {
            rejectedRequests++;
            return throttled();
        }
        Reply reply;
        try {
            Map<String, Long> versions = versions(headers.get(VERSIONS_HEADER.toLowerCase()));
            salesOfThisPush = salesInFlight(headers.get(SALES_HEADER.toLowerCase()));
            reply = switch (config.type()) {
                case "shopify" -> method.equals("POST") && path.matches(SHOPIFY_GRAPHQL)
                        ? shopify(mapper.readTree(body), versions)
                        : notFound();
                case "woocommerce" -> method.equals("POST") && path.equals(WOO_BATCH)
                        ? woocommerce(mapper.readTree(body), versions)
                        : notFound();
                case "etsy" -> method.equals("PUT")
                                && EtsyOrders.ETSY_INVENTORY.matcher(path).matches()
                        ? etsy(
                                URLDecoder.decode(path.split("/")[4], StandardCharsets.UTF_8),
                                mapper.readTree(body),
                                versions)
                        : notFound();
                default -> method.equals("PATCH") && path.matches(AMAZON_LISTING)
                        ? amazon(path.substring(path.lastIndexOf('/') + 1), mapper.readTree(body), versions)
                        : notFound();
            };
        } catch (Exception e) {
            reply = Reply.json(400, error("unreadable request: " + e.getMessage()));
        }
        if (reply.status() < 300) {
            window.addLast(now);
            acceptedRequests.add(Instant.now());
        }
        return reply;
    }

    private Reply shopify(JsonNode request, Map<String, Long> versions) {
        JsonNode quantities = request.path("variables").path("input").path("quantities");
        if (!quantities.isArray() || quantities.size() == 0 || quantities.size() > 250) {
            return Reply.json(200, graphqlError("input.quantities must hold 1 to 250 entries"));
        }
        Reply stale = staleComparisons(request.path("variables").path("input"), quantities);
        if (stale != null) {
            return stale;
        }
        ObjectNode response = mapper.createObjectNode();
        ObjectNode result = response.putObject("data").putObject("inventorySetQuantities");
        ObjectNode group = result.putObject("inventoryAdjustmentGroup");
        group.put("createdAt", Instant.now().toString());
        group.put(
                "reason", request.path("variables").path("input").path("reason").asText("correction"));
        ArrayNode changes = group.putArray("changes");
        for (JsonNode entry : quantities) {
            String gid = entry.path("inventoryItemId").asText();
            String listingId = gid.substring(gid.lastIndexOf('/') + 1);
            int quantity = entry.path("quantity").asInt();
            int before = apply(listingId, quantity, versions.get(listingId));
            ObjectNode change = changes.addObject();
            change.put("name", "available");
            change.put("delta", quantity - before);
            change.put("quantityAfterChange", quantity);
        }
        result.putArray("userErrors");
        return Reply.json(200, response);
    }

    private Reply woocommerce(JsonNode request, Map<String, Long> versions) {
        JsonNode update = request.path("update");
        if (!update.isArray() || update.size() > 100) {
            return Reply.json(400, error("update must be an array of at most 100 products"));
        }
        ObjectNode response = mapper.createObjectNode();
        ArrayNode updated = response.putArray("update");
        for (JsonNode product : update) {
            String listingId = product.path("id").asText();
            int quantity = product.path("stock_quantity").asInt();
            apply(listingId, quantity, versions.get(listingId));
            ObjectNode item = updated.addObject();
            item.put("id", product.path("id").asLong());
            item.put("manage_stock", true);
            item.put("stock_quantity", quantity);
            item.put("stock_status", quantity > 0 ? "instock" : "outofstock");
        }
        return Reply.json(200, response);
    }

    private Reply amazon(String sku, JsonNode request, Map<String, Long> versions) {
        for (JsonNode patch : request.path("patches")) {
            if (patch.path("path").asText().equals("/attributes/fulfillment_availability")) {
                int quantity = patch.path("value").path(0).path("quantity").asInt();
                apply(sku, quantity, versions.get(sku));
                ObjectNode response = mapper.createObjectNode();
                response.put("sku", sku);
                response.put("status", "ACCEPTED");
                response.put("submissionId", Long.toHexString(System.nanoTime()));
                response.putArray("issues");
                return Reply.json(200, response);
            }
        }
        return Reply.json(400, error("no fulfillment_availability patch"));
    }

    /**
     * updateListingInventory replaces the whole inventory; the simulated listings have one product, so the request
     * must carry exactly one with an offering that has a price and a quantity (as Etsy requires).
     */
    private Reply etsy(String listingId, JsonNode request, Map<String, Long> versions) {
        JsonNode products = request.path("products");
        JsonNode offering = products.path(0).path("offerings").path(0);
        if (!products.isArray()
                || products.size() != 1
                || !offering.path("price").isNumber()
                || !offering.path("quantity").canConvertToInt()) {
            return etsyError(400, "products must hold the listing's product with a priced offering");
        }
        int quantity = offering.path("quantity").asInt();
        if (quantity < 0 || quantity > 999) {
            return etsyError(400, "quantity must be between 0 and 999");
        }
        apply(listingId, quantity, versions.get(listingId));
        return Reply.json(200, EtsyOrders.etsyInventory(mapper, listingId, quantity));
    }

    private Reply etsyError(int status, String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        return Reply.json(status, node);
    }

    private int apply(String listingId, int quantity, Long version) {
        Integer before = holdPushes ? listings.get(listingId) : listings.put(listingId, quantity);
        pushes.add(new Push(
                Instant.now(), listingId, quantity, version, salesOfThisPush.getOrDefault(listingId, Set.of())));
        return before == null ? 0 : before;
    }

    private Reply throttled() {
        return new Reply(429, error("rate limit exceeded"), Map.of("Retry-After", "1"));
    }

    private Reply notFound() {
        return Reply.json(404, error("no such API on a " + config.type() + " channel"));
    }

    private ObjectNode error(String message) {
        ObjectNode node = mapper.createObjectNode();
        node.putArray("errors").addObject().put("message", message);
        return node;
    }

    /**
     * Shopify's compare-and-set: unless {@code ignoreCompareQuantity} is true, every entry needs a
     * {@code compareQuantity} equal to what the store holds now, or nothing changes.
     */
    private Reply staleComparisons(JsonNode input, JsonNode quantities) {
        if (input.path("ignoreCompareQuantity").asBoolean(false)) {
            return null;
        }
        ArrayNode errors = mapper.createArrayNode();
        for (int i = 0; i < quantities.size(); i++) {
            JsonNode entry = quantities.get(i);
            String gid = entry.path("inventoryItemId").asText();
            int held = listings.getOrDefault(gid.substring(gid.lastIndexOf('/') + 1), 0);
            if (!entry.has("compareQuantity")) {
                errors.add(userError(i, "COMPARE_QUANTITY_REQUIRED", "compareQuantity is required"));
            } else if (entry.path("compareQuantity").asInt() != held) {
                errors.add(userError(i, "COMPARE_QUANTITY_STALE", "The compareQuantity value does not match"));
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        staleComparisons++;
        ObjectNode response = mapper.createObjectNode();
        ObjectNode result = response.putObject("data").putObject("inventorySetQuantities");
        result.putNull("inventoryAdjustmentGroup");
        result.set("userErrors", errors);
        return Reply.json(200, response);
    }

    private ObjectNode userError(int index, String code, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code);
        error.putArray("field")
                .add("input")
                .add("quantities")
                .add(Integer.toString(index))
                .add("compareQuantity");
        error.put("message", message);
        return error;
    }

    synchronized void holdPushes() {
        holdPushes = true;
    }

    /** Shopify pushes refused because the store's quantity had moved. */
    synchronized int staleComparisons() {
        return staleComparisons;
    }

    private ObjectNode graphqlError(String message) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode result = node.putObject("data").putObject("inventorySetQuantities");
        result.putNull("inventoryAdjustmentGroup");
        result.putArray("userErrors").addObject().put("message", message);
        return node;
    }

    /** Parses {@code listing=version,listing=version}. */
    /** {@code listing=channel/order;channel/order,...}, as the gateway sends it to channels that trace sales. */
    static Map<String, Set<String>> salesInFlight(String header) {
        Map<String, Set<String>> sales = new HashMap<>();
        if (header == null || header.isBlank()) {
            return sales;
        }
        for (String entry : header.split(",")) {
            int eq = entry.lastIndexOf('=');
            if (eq > 0) {
                Set<String> refs = new HashSet<>();
                for (String ref : entry.substring(eq + 1).split(";")) {
                    refs.add(URLDecoder.decode(ref.trim(), StandardCharsets.UTF_8));
                }
                sales.put(URLDecoder.decode(entry.substring(0, eq).trim(), StandardCharsets.UTF_8), refs);
            }
        }
        return sales;
    }

    static Map<String, Long> versions(String header) {
        Map<String, Long> versions = new HashMap<>();
        if (header == null || header.isBlank()) {
            return versions;
        }
        for (String pair : header.split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) {
                try {
                    versions.put(
                            URLDecoder.decode(pair.substring(0, eq).trim(), StandardCharsets.UTF_8),
                            Long.parseLong(pair.substring(eq + 1).trim()));
                } catch (NumberFormatException ignored) {
                    // a malformed entry carries no version; the push itself still counts
                }
            }
        }
        return versions;
    }

    static List<String> splitPath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}

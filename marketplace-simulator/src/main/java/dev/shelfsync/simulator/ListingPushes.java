package dev.shelfsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Each marketplace's own inventory-push request (Shopify inventorySetQuantities, the WooCommerce product batch, Etsy
 * updateListingInventory, the Amazon listings PATCH), read into listing quantities and answered as that marketplace
 * answers; kept apart from the channel's rate limit, failures and push log, which are the same for every marketplace.
 * Guarded by the owning {@link SimulatedChannel}'s monitor.
 */
final class ListingPushes {

    private static final String SHOPIFY_GRAPHQL = "^/admin/api/[^/]+/graphql\\.json$";
    private static final String WOO_BATCH = "/wp-json/wc/v3/products/batch";
    private static final String AMAZON_LISTING = "^/listings/2021-08-01/items/[^/]+/[^/]+$";

    /** Sets one listing's quantity in the channel's store and returns what it held before (0 if nothing). */
    @FunctionalInterface
    interface Store {
        int apply(String listingId, int quantity);
    }

    private final String type;
    private final ObjectMapper mapper;
    private int staleComparisons;

    ListingPushes(String type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    /** Shopify pushes refused because the store's quantity had moved. */
    int staleComparisons() {
        return staleComparisons;
    }

    /**
     * Answers a push request; {@code path} is below the channel prefix.
     *
     * @param listings the quantities the store holds now, for Shopify's compare-and-set
     */
    Reply handle(String method, String path, byte[] body, Map<String, Integer> listings, Store store)
            throws IOException {
        return switch (type) {
            case "shopify" -> method.equals("POST") && path.matches(SHOPIFY_GRAPHQL)
                    ? shopify(mapper.readTree(body), listings, store)
                    : notFound();
            case "woocommerce" -> method.equals("POST") && path.equals(WOO_BATCH)
                    ? woocommerce(mapper.readTree(body), store)
                    : notFound();
            case "etsy" -> method.equals("PUT")
                            && EtsyOrders.ETSY_INVENTORY.matcher(path).matches()
                    ? etsy(URLDecoder.decode(path.split("/")[4], StandardCharsets.UTF_8), mapper.readTree(body), store)
                    : notFound();
            default -> method.equals("PATCH") && path.matches(AMAZON_LISTING)
                    ? amazon(path.substring(path.lastIndexOf('/') + 1), mapper.readTree(body), store)
                    : notFound();
        };
    }

    /** The 404 a push to a path this marketplace does not have gets. */
    private Reply notFound() {
        return Reply.error(mapper, 404, "no such API on a " + type + " channel");
    }

    private Reply shopify(JsonNode request, Map<String, Integer> listings, Store store) {
        JsonNode quantities = request.path("variables").path("input").path("quantities");
        if (!quantities.isArray() || quantities.size() == 0 || quantities.size() > 250) {
            return Reply.json(200, graphqlError("input.quantities must hold 1 to 250 entries"));
        }
        Reply stale = staleComparisons(request.path("variables").path("input"), quantities, listings);
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
            int before = store.apply(listingId, quantity);
            ObjectNode change = changes.addObject();
            change.put("name", "available");
            change.put("delta", quantity - before);
            change.put("quantityAfterChange", quantity);
        }
        result.putArray("userErrors");
        return Reply.json(200, response);
    }

    private Reply woocommerce(JsonNode request, Store store) {
        JsonNode update = request.path("update");
        if (!update.isArray() || update.size() > 100) {
            return Reply.error(mapper, 400, "update must be an array of at most 100 products");
        }
        ObjectNode response = mapper.createObjectNode();
        ArrayNode updated = response.putArray("update");
        for (JsonNode product : update) {
            String listingId = product.path("id").asText();
            int quantity = product.path("stock_quantity").asInt();
            store.apply(listingId, quantity);
            ObjectNode item = updated.addObject();
            item.put("id", product.path("id").asLong());
            item.put("manage_stock", true);
            item.put("stock_quantity", quantity);
            item.put("stock_status", quantity > 0 ? "instock" : "outofstock");
        }
        return Reply.json(200, response);
    }

    private Reply amazon(String sku, JsonNode request, Store store) {
        for (JsonNode patch : request.path("patches")) {
            if (patch.path("path").asText().equals("/attributes/fulfillment_availability")) {
                int quantity = patch.path("value").path(0).path("quantity").asInt();
                store.apply(sku, quantity);
                ObjectNode response = mapper.createObjectNode();
                response.put("sku", sku);
                response.put("status", "ACCEPTED");
                response.put("submissionId", Long.toHexString(System.nanoTime()));
                response.putArray("issues");
                return Reply.json(200, response);
            }
        }
        return Reply.error(mapper, 400, "no fulfillment_availability patch");
    }

    /**
     * updateListingInventory replaces the whole inventory; the simulated listings have one product, so the request
     * must carry exactly one with an offering that has a price and a quantity (as Etsy requires).
     */
    private Reply etsy(String listingId, JsonNode request, Store store) {
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
        store.apply(listingId, quantity);
        return Reply.json(200, EtsyOrders.etsyInventory(mapper, listingId, quantity));
    }

    private Reply etsyError(int status, String message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("error", message);
        return Reply.json(status, node);
    }

    /**
     * Shopify's compare-and-set: unless {@code ignoreCompareQuantity} is true, every entry needs a
     * {@code compareQuantity} equal to what the store holds now, or nothing changes.
     */
    private Reply staleComparisons(JsonNode input, JsonNode quantities, Map<String, Integer> listings) {
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

    private ObjectNode graphqlError(String message) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode result = node.putObject("data").putObject("inventorySetQuantities");
        result.putNull("inventoryAdjustmentGroup");
        result.putArray("userErrors").addObject().put("message", message);
        return node;
    }
}

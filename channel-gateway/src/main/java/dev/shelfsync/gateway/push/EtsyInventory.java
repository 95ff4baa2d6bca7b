package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Etsy's {@code updateListingInventory} replaces a listing's whole inventory (every product, its property values and
 * its offerings with their prices), so a quantity push reads the inventory first ({@code getListingInventory}) and
 * writes it back unchanged except for the quantity of one product. Which product: the only one of a listing without
 * variations, or, when the listing has several, the one whose {@code product_id} is the mapping's listing id (that
 * mapping's inventoryItemId is then the Etsy listing id).
 */
final class EtsyInventory {

    /** The listing's inventory has no product this mapping can update; pushing again will not help. */
    static final class Unmappable extends RuntimeException {
        Unmappable(String reason) {
            super(reason, null, false, false);
        }
    }

    private EtsyInventory() {}

    static String path(String etsyListingId) {
        return "/v3/application/listings/" + MarketplaceApi.encode(etsyListingId) + "/inventory";
    }

    /** The updateListingInventory body: what {@code current} (a getListingInventory answer) holds, with the quantity. */
    static byte[] update(ObjectMapper mapper, String current, PendingPush item) throws IOException {
        JsonNode inventory = mapper.readTree(current);
        JsonNode products = inventory.path("products");
        JsonNode only = null;
        JsonNode byId = null;
        int live = 0;
        for (JsonNode product : products) {
            if (!product.path("is_deleted").asBoolean(false)) {
                live++;
                only = product;
                if (product.path("product_id").asText().equals(item.listingId())) {
                    byId = product;
                }
            }
        }
        JsonNode target = byId != null ? byId : live == 1 ? only : null;
        if (target == null) {
            throw new Unmappable("Etsy listing " + item.itemId() + " has " + live
                    + " products; map each product id with inventoryItemId = the listing id");
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode written = body.putArray("products");
        for (JsonNode product : products) {
            if (product.path("is_deleted").asBoolean(false)) {
                continue;
            }
            ObjectNode copy = written.addObject();
            if (product.hasNonNull("sku") && !product.path("sku").asText().isEmpty()) {
                copy.put("sku", product.path("sku").asText());
            }
            ArrayNode values = copy.putArray("property_values");
            for (JsonNode value : product.path("property_values")) {
                ObjectNode v = values.addObject();
                v.set("property_id", value.path("property_id"));
                if (value.hasNonNull("scale_id")) {
                    v.set("scale_id", value.path("scale_id"));
                }
                v.put("property_name", value.path("property_name").asText(null));
                v.set("value_ids", value.path("value_ids"));
                v.set("values", value.path("values"));
            }
            ArrayNode offerings = copy.putArray("offerings");
            for (JsonNode offering : product.path("offerings")) {
                if (offering.path("is_deleted").asBoolean(false)) {
                    continue;
                }
                ObjectNode o = offerings.addObject();
                o.put("price", price(offering.path("price")));
                o.put(
                        "quantity",
                        product == target
                                ? item.quantity()
                                : offering.path("quantity").asInt());
                o.put("is_enabled", offering.path("is_enabled").asBoolean(true));
                if (offering.hasNonNull("readiness_state_id")) {
                    o.set("readiness_state_id", offering.path("readiness_state_id"));
                }
            }
        }
        for (String property : new String[] {
            "price_on_property", "quantity_on_property", "sku_on_property", "readiness_state_on_property"
        }) {
            if (inventory.has(property)) {
                body.set(property, inventory.path(property));
            }
        }
        return mapper.writeValueAsBytes(body);
    }

    /** Etsy reads prices as Money ({@code amount / divisor}) and takes them back as a decimal number. */
    private static BigDecimal price(JsonNode money) {
        if (money.isNumber()) {
            return money.decimalValue();
        }
        long divisor = Math.max(1, money.path("divisor").asLong(100));
        return BigDecimal.valueOf(money.path("amount").asLong())
                .divide(BigDecimal.valueOf(divisor), 2, RoundingMode.HALF_UP);
    }
}

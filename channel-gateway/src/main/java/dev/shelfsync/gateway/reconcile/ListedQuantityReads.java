package dev.shelfsync.gateway.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The quantities a marketplace shows for listings, read back for drift repair: Shopify GraphQL inventory levels,
 * WooCommerce {@code GET /products?include=}, Amazon {@code getListingsItem}, Etsy {@code getListingInventory}; asked
 * in chunks no bigger than one page, so unlike the order reads in {@link MarketplaceReads} they need no paging.
 */
final class ListedQuantityReads {

    private static final String SHOPIFY_LEVELS = "query levels($ids: [ID!]!, $location: ID!) { nodes(ids: $ids) {"
            + " ... on InventoryItem { id inventoryLevel(locationId: $location) {"
            + " quantities(names: [\"available\"]) { name quantity } } } } }";

    private final MarketplaceHttp http;
    private final ObjectMapper mapper;

    ListedQuantityReads(MarketplaceHttp http) {
        this.http = http;
        this.mapper = http.mapper();
    }

    /** @param items listing id -> the id the marketplace's inventory API takes; @return listing id -> quantity */
    Map<String, Integer> read(Channel channel, Map<String, String> items) {
        Map<String, Integer> listed = new HashMap<>();
        if (items.isEmpty()) {
            return listed;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(items.entrySet());
        switch (channel.type()) {
            case "shopify" -> {
                String location = channel.setting("shopifyLocationId", "gid://shopify/Location/1");
                for (int from = 0; from < entries.size(); from += 100) {
                    List<Map.Entry<String, String>> chunk = entries.subList(from, Math.min(entries.size(), from + 100));
                    Map<String, String> byGid = new HashMap<>();
                    ArrayNode ids = mapper.createArrayNode();
                    for (Map.Entry<String, String> entry : chunk) {
                        String gid = entry.getValue().startsWith("gid://")
                                ? entry.getValue()
                                : "gid://shopify/InventoryItem/" + entry.getValue();
                        byGid.put(gid, entry.getKey());
                        ids.add(gid);
                    }
                    JsonNode body = MarketplaceReads.ok(
                            http.shopifyGraphql(channel, SHOPIFY_LEVELS, Map.of("ids", ids, "location", location)));
                    for (JsonNode node : body.path("data").path("nodes")) {
                        String listing = byGid.get(node.path("id").asText());
                        for (JsonNode quantity : node.path("inventoryLevel").path("quantities")) {
                            if (listing != null
                                    && "available".equals(quantity.path("name").asText())) {
                                listed.put(listing, quantity.path("quantity").asInt());
                            }
                        }
                    }
                }
            }
            case "woocommerce" -> {
                Map<String, String> byProduct = new HashMap<>();
                entries.forEach(entry -> byProduct.put(entry.getValue(), entry.getKey()));
                for (int from = 0; from < entries.size(); from += 100) {
                    String include = entries.subList(from, Math.min(entries.size(), from + 100)).stream()
                            .map(entry -> MarketplaceHttp.encode(entry.getValue()))
                            .collect(Collectors.joining(","));
                    JsonNode body = MarketplaceReads.ok(
                            http.get(channel, "/wp-json/wc/v3/products?per_page=100&include=" + include));
                    for (JsonNode product : body) {
                        String listing = byProduct.get(product.path("id").asText());
                        if (listing != null && product.hasNonNull("stock_quantity")) {
                            listed.put(listing, product.path("stock_quantity").asInt());
                        }
                    }
                }
            }
            case "amazon" -> {
                String seller = channel.setting("amazonSellerId", "SIMSELLER");
                String marketplace = channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9");
                for (Map.Entry<String, String> entry : entries) {
                    Result result = http.get(
                            channel,
                            "/listings/2021-08-01/items/" + MarketplaceHttp.encode(seller) + "/"
                                    + MarketplaceHttp.encode(entry.getValue()) + "?marketplaceIds="
                                    + MarketplaceHttp.encode(marketplace) + "&includedData=fulfillmentAvailability");
                    if (result instanceof Result.Refused refused && refused.status() == 404) {
                        continue;
                    }
                    for (JsonNode availability : MarketplaceReads.ok(result).path("fulfillmentAvailability")) {
                        if ("DEFAULT"
                                .equals(availability
                                        .path("fulfillmentChannelCode")
                                        .asText())) {
                            listed.put(
                                    entry.getKey(),
                                    availability.path("quantity").asInt());
                        }
                    }
                }
            }
            case "etsy" -> etsyQuantities(channel, entries, listed);
            default -> {}
        }
        return listed;
    }

    /** Etsy getListingInventory per listing: the mapped product's (or the only product's) offering quantity. */
    private void etsyQuantities(Channel channel, List<Map.Entry<String, String>> entries, Map<String, Integer> listed) {
        for (Map.Entry<String, String> entry : entries) {
            Result result = http.get(
                    channel, "/v3/application/listings/" + MarketplaceHttp.encode(entry.getValue()) + "/inventory");
            if (result instanceof Result.Refused refused && refused.status() == 404) {
                continue;
            }
            JsonNode only = null;
            JsonNode byId = null;
            int live = 0;
            for (JsonNode product : MarketplaceReads.ok(result).path("products")) {
                if (!product.path("is_deleted").asBoolean(false)) {
                    live++;
                    only = product;
                    if (product.path("product_id").asText().equals(entry.getKey())) {
                        byId = product;
                    }
                }
            }
            JsonNode product = byId != null ? byId : live == 1 ? only : null;
            if (product != null && product.path("offerings").size() > 0) {
                listed.put(
                        entry.getKey(),
                        product.path("offerings").path(0).path("quantity").asInt());
            }
        }
    }
}

package dev.shelfsync.gateway.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.intake.ParsedWebhook;
import dev.shelfsync.gateway.intake.RecoveredOrders;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp;
import dev.shelfsync.gateway.marketplace.MarketplaceHttp.Result;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What reconciliation reads from a marketplace, in its own API: recent orders (Shopify {@code orders.json},
 * WooCommerce {@code GET /orders}, Amazon {@code getOrders} + {@code getOrderItems}) and listed quantities (Shopify
 * GraphQL inventory levels, WooCommerce {@code GET /products?include=}, Amazon {@code getListingsItem}); Etsy
 * {@code getShopReceipts} and {@code getListingInventory}.
 */
final class MarketplaceReads {

    /** The marketplace could not be read; the sweep stops and the next one tries again. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** An order the marketplace reports, with its raw JSON for the intake record. */
    record FetchedOrder(String externalOrderId, JsonNode raw, OrderLoader loader) {}

    /** Turns a fetched order into a parsed one, fetching its items when the marketplace lists them apart. */
    interface OrderLoader {
        ParsedWebhook load();
    }

    private static final String SHOPIFY_LEVELS = "query levels($ids: [ID!]!, $location: ID!) { nodes(ids: $ids) {"
            + " ... on InventoryItem { id inventoryLevel(locationId: $location) {"
            + " quantities(names: [\"available\"]) { name quantity } } } } }";

    private final MarketplaceHttp http;
    private final ObjectMapper mapper;

    MarketplaceReads(MarketplaceHttp http) {
        this.http = http;
        this.mapper = http.mapper();
    }

    static boolean supported(String type) {
        return type.equals("shopify") || type.equals("woocommerce") || type.equals("amazon") || type.equals("etsy");
    }

    List<FetchedOrder> recentOrders(Channel channel, Instant since) {
        String at = since.truncatedTo(ChronoUnit.SECONDS).toString();
        List<FetchedOrder> orders = new ArrayList<>();
        switch (channel.type()) {
            case "shopify" -> {
                JsonNode body = ok(http.get(
                        channel,
                        "/admin/api/2025-01/orders.json?status=any&limit=250&updated_at_min="
                                + MarketplaceHttp.encode(at)));
                for (JsonNode order : body.path("orders")) {
                    orders.add(
                            new FetchedOrder(order.path("id").asText(), order, () -> RecoveredOrders.shopify(order)));
                }
            }
            case "woocommerce" -> {
                JsonNode body =
                        ok(http.get(channel, "/wp-json/wc/v3/orders?per_page=100&after=" + MarketplaceHttp.encode(at)));
                for (JsonNode order : body) {
                    orders.add(new FetchedOrder(
                            order.path("id").asText(), order, () -> RecoveredOrders.woocommerce(order)));
                }
            }
            case "amazon" -> {
                String marketplace = channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9");
                JsonNode body = ok(http.get(
                        channel,
                        "/orders/v0/orders?MarketplaceIds=" + MarketplaceHttp.encode(marketplace) + "&LastUpdatedAfter="
                                + MarketplaceHttp.encode(at)));
                for (JsonNode order : body.path("payload").path("Orders")) {
                    String id = order.path("AmazonOrderId").asText();
                    orders.add(new FetchedOrder(id, order, () -> {
                        JsonNode items = ok(
                                http.get(channel, "/orders/v0/orders/" + MarketplaceHttp.encode(id) + "/orderItems"));
                        return RecoveredOrders.amazon(order, items);
                    }));
                }
            }
            case "etsy" -> etsyReceipts(channel, since, orders);
            default -> {}
        }
        return orders;
    }

    /** @param items listing id -> the id the marketplace's inventory API takes; @return listing id -> quantity */
    Map<String, Integer> listedQuantities(Channel channel, Map<String, String> items) {
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
                    JsonNode body =
                            ok(http.shopifyGraphql(channel, SHOPIFY_LEVELS, Map.of("ids", ids, "location", location)));
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
                    JsonNode body = ok(http.get(channel, "/wp-json/wc/v3/products?per_page=100&include=" + include));
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
                    for (JsonNode availability : ok(result).path("fulfillmentAvailability")) {
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

    /** Etsy getShopReceipts modified since the lookback (epoch seconds), first page of 100. */
    private void etsyReceipts(Channel channel, Instant since, List<FetchedOrder> orders) {
        String shopId = channel.setting("etsyShopId", null);
        if (shopId == null) {
            return;
        }
        JsonNode body = ok(http.get(
                channel,
                "/v3/application/shops/" + MarketplaceHttp.encode(shopId) + "/receipts?min_last_modified="
                        + since.getEpochSecond() + "&limit=100&offset=0"));
        for (JsonNode receipt : body.path("results")) {
            orders.add(new FetchedOrder(
                    receipt.path("receipt_id").asText(), receipt, () -> RecoveredOrders.etsy(receipt)));
        }
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
            for (JsonNode product : ok(result).path("products")) {
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

    private static JsonNode ok(Result result) {
        if (result instanceof Result.Ok ok) {
            return ok.body();
        }
        throw new Unavailable(result.toString());
    }

    static Set<String> ids(List<FetchedOrder> orders) {
        return orders.stream().map(FetchedOrder::externalOrderId).collect(Collectors.toSet());
    }
}

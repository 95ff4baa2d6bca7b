package dev.shelfsync.gateway.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.channel.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each marketplace's quantity API in its own shape: Shopify GraphQL {@code inventorySetQuantities} (up to 250 items),
 * WooCommerce {@code products/batch} (100), Amazon SP-API {@code patchListingsItem} (one SKU), and the custom
 * channel's {@code /shelfsync/quantities} (100), Etsy {@code getListingInventory} then {@code updateListingInventory}
 * (one listing, see {@link EtsyInventory}). Every request carries {@value #VERSIONS_HEADER} with each listing's
 * availability version; a channel with the setting {@code traceSales=true} (the simulated marketplaces) also gets
 * {@value #SALES_HEADER}, the sales in flight each quantity already subtracts, so a benchmark can tell when a sale
 * reached another channel. Real marketplaces never get it: it names other channels' orders. {@link PushAnswers}
 * reads what the marketplace answers.
 */
final class MarketplaceApi {

    static final String VERSIONS_HEADER = "X-Shelfsync-Versions";
    static final String SALES_HEADER = "X-Shelfsync-Sales-In-Flight";
    static final String SHOPIFY_API_VERSION = "2025-01";
    private static final String SHOPIFY_MUTATION =
            "mutation inventorySetQuantities($input: InventorySetQuantitiesInput!)"
                    + " { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason }"
                    + " userErrors { code field message } } }";

    private final ObjectMapper mapper;

    MarketplaceApi(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Items per request; 0 when pushing to this channel type is not supported. */
    static int batchSize(String type) {
        return switch (type) {
            case "shopify" -> 250;
            case "woocommerce", "custom" -> 100;
            case "amazon", "etsy" -> 1;
            default -> 0;
        };
    }

    /** Requests one push takes: Etsy reads the listing's inventory before replacing it. */
    static int requestsPerPush(String type) {
        return type.equals("etsy") ? 2 : 1;
    }

    /**
     * Etsy's second request: {@code updateListingInventory} with the inventory just read, only the quantity changed.
     *
     * @throws EtsyInventory.Unmappable when the listing has no product this mapping names
     */
    HttpRequest etsyUpdate(Channel channel, PendingPush item, String currentInventory, Duration timeout)
            throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create(base(channel) + EtsyInventory.path(item.itemId())))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(VERSIONS_HEADER, versions(List.of(item)));
        traceSales(builder, channel, List.of(item));
        builder.PUT(HttpRequest.BodyPublishers.ofByteArray(EtsyInventory.update(mapper, currentInventory, item)));
        etsyAuth(builder, channel);
        return builder.build();
    }

    private static String base(Channel channel) {
        return channel.apiBaseUrl().endsWith("/")
                ? channel.apiBaseUrl().substring(0, channel.apiBaseUrl().length() - 1)
                : channel.apiBaseUrl();
    }

    private static void etsyAuth(HttpRequest.Builder builder, Channel channel) {
        token(builder, "x-api-key", channel.credential("apiKey"));
        token(
                builder,
                "Authorization",
                channel.credential("apiToken") == null ? null : "Bearer " + channel.credential("apiToken"));
    }

    /**
     * @param compare send each item's {@link PendingPush#shelf()} as the quantity the store must still show (only
     *     where {@link Channel#comparesQuantity} holds; every item then needs a shelf)
     */
    HttpRequest request(Channel channel, List<PendingPush> items, Duration timeout, boolean compare)
            throws IOException {
        String base = base(channel);
        HttpRequest.Builder builder = HttpRequest.newBuilder()
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(VERSIONS_HEADER, versions(items));
        traceSales(builder, channel, items);
        switch (channel.type()) {
            case "shopify" -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("query", SHOPIFY_MUTATION);
                ObjectNode input = body.putObject("variables").putObject("input");
                input.put("name", "available");
                input.put("reason", "correction");
                input.put("referenceDocumentUri", "gid://shelfsync/AvailabilityPush/" + maxVersion(items));
                // Absolute quantities: Shelfsync's number already includes this channel's own sales. The comparison
                // fails the push if the store sold something Shelfsync has not heard of yet.
                input.put("ignoreCompareQuantity", !compare);
                ArrayNode quantities = input.putArray("quantities");
                String location = channel.setting("shopifyLocationId", "gid://shopify/Location/1");
                for (PendingPush item : items) {
                    ObjectNode quantity = quantities.addObject();
                    quantity.put(
                            "inventoryItemId",
                            item.itemId().startsWith("gid://")
                                    ? item.itemId()
                                    : "gid://shopify/InventoryItem/" + item.itemId());
                    quantity.put("locationId", location);
                    quantity.put("quantity", item.quantity());
                    if (compare) {
                        quantity.put("compareQuantity", item.shelf());
                    }
                }
                builder.uri(URI.create(base + "/admin/api/" + SHOPIFY_API_VERSION + "/graphql.json"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
                token(builder, "X-Shopify-Access-Token", channel.credential("apiToken"));
            }
            case "woocommerce" -> {
                ObjectNode body = mapper.createObjectNode();
                ArrayNode update = body.putArray("update");
                for (PendingPush item : items) {
                    ObjectNode product = update.addObject();
                    if (item.itemId().matches("\\d{1,18}")) {
                        product.put("id", Long.parseLong(item.itemId()));
                    } else {
                        product.put("id", item.itemId());
                    }
                    product.put("manage_stock", true);
                    product.put("stock_quantity", item.quantity());
                }
                builder.uri(URI.create(base + "/wp-json/wc/v3/products/batch"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
                String key = channel.credential("consumerKey");
                String secret = channel.credential("consumerSecret");
                if (key != null && secret != null) {
                    builder.header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
                }
            }
            case "amazon" -> {
                PendingPush item = items.get(0);
                ObjectNode body = mapper.createObjectNode();
                body.put("productType", channel.setting("amazonProductType", "PRODUCT"));
                ObjectNode patch = body.putArray("patches").addObject();
                patch.put("op", "replace");
                patch.put("path", "/attributes/fulfillment_availability");
                ObjectNode availability = patch.putArray("value").addObject();
                availability.put("fulfillment_channel_code", "DEFAULT");
                availability.put("quantity", item.quantity());
                String seller = channel.setting("amazonSellerId", "SIMSELLER");
                String marketplace = channel.setting("amazonMarketplaceId", "A1PA6795UKMFR9");
                builder.uri(URI.create(base + "/listings/2021-08-01/items/" + encode(seller) + "/"
                                + encode(item.itemId()) + "?marketplaceIds=" + encode(marketplace)))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
                token(builder, "x-amz-access-token", channel.credential("apiToken"));
            }
            case "etsy" -> {
                // First of two requests: getListingInventory; ChannelPusher sends etsyUpdate with its answer.
                builder.uri(URI.create(base + EtsyInventory.path(items.get(0).itemId())))
                        .GET();
                etsyAuth(builder, channel);
            }
            default -> {
                ObjectNode body = mapper.createObjectNode();
                ArrayNode array = body.putArray("items");
                for (PendingPush item : items) {
                    ObjectNode entry = array.addObject();
                    entry.put("listingId", item.listingId());
                    entry.put("quantity", item.quantity());
                    entry.put("version", item.version());
                }
                builder.uri(URI.create(base + "/shelfsync/quantities"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
                token(
                        builder,
                        "Authorization",
                        channel.credential("apiToken") == null ? null : "Bearer " + channel.credential("apiToken"));
            }
        }
        return builder.build();
    }

    private static String versions(List<PendingPush> items) {
        return items.stream()
                .map(item -> encode(item.listingId()) + "=" + item.version())
                .collect(Collectors.joining(","));
    }

    private static void traceSales(HttpRequest.Builder builder, Channel channel, List<PendingPush> items) {
        if ("true".equals(channel.setting("traceSales", "false"))) {
            String sales = salesInFlight(items);
            if (!sales.isEmpty()) {
                builder.header(SALES_HEADER, sales);
            }
        }
    }

    /** {@code listing=channel/order;channel/order,...} for the listings with sales in flight. */
    private static String salesInFlight(List<PendingPush> items) {
        return items.stream()
                .filter(item -> !item.salesInFlight().isEmpty())
                .map(item -> encode(item.listingId()) + "="
                        + item.salesInFlight().stream()
                                .map(MarketplaceApi::encode)
                                .collect(Collectors.joining(";")))
                .collect(Collectors.joining(","));
    }

    private static long maxVersion(List<PendingPush> items) {
        return items.stream().mapToLong(PendingPush::version).max().orElse(0);
    }

    private static void token(HttpRequest.Builder builder, String header, String value) {
        if (value != null && !value.isBlank()) {
            builder.header(header, value);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.shelfsync.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The REST calls a merchant (or an operator) makes to set Shelfsync up: SKUs, stock, policies, channels. */
final class Shelfsync {

    private final LocalSystem system;
    private final Http http;

    Shelfsync(LocalSystem system, Http http) {
        this.system = system;
        this.http = http;
    }

    String inventory() {
        return system.url("inventory");
    }

    LocalSystem system() {
        return system;
    }

    Http http() {
        return http;
    }

    void location(String id, String name, double latitude, double longitude) {
        http.put(
                        inventory() + "/locations/" + id,
                        Map.of("name", name, "kind", "warehouse", "latitude", latitude, "longitude", longitude))
                .expect(200, 201);
    }

    void sku(String sku, String name) {
        http.put(inventory() + "/skus/" + sku, Map.of("name", name)).expect(200, 201);
    }

    void receive(String sku, String locationId, int units) {
        http.post(
                        inventory() + "/stock/adjustments",
                        Map.of(
                                "sku",
                                sku,
                                "locationId",
                                locationId,
                                "state",
                                "on_hand",
                                "delta",
                                units,
                                "reason",
                                "receipt",
                                "actor",
                                "scenario"))
                .expect(200, 201);
    }

    /** The channel's buffer; its default fence is cleared (fences are set per SKU, {@link #fence}). */
    void policy(String channelId, int safetyStock) {
        policy(channelId, safetyStock, "fixed");
    }

    /** @param bufferMode {@code fixed}, or {@code auto}: sized by inventory, at least {@code safetyStock} */
    void policy(String channelId, int safetyStock, String bufferMode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("safetyStock", safetyStock);
        body.put("bufferMode", bufferMode);
        body.put("sharePercent", 100);
        body.put("backorderLimit", 0);
        body.put("ringFenced", 0);
        http.put(inventory() + "/channel-policies/" + channelId, body).expect(200, 201);
    }

    /** Keeps {@code units} of the SKU for the channel alone; no other SKU is affected. */
    void fence(String sku, String channelId, int units) {
        http.put(inventory() + "/skus/" + sku + "/channels/" + channelId + "/fence", Map.of("ringFenced", units))
                .expect(200);
    }

    /** Sum of sellable over the SKU's locations. */
    int sellable(String sku) {
        JsonNode rows = http.get(inventory() + "/stock/" + sku).expect(200).body();
        int sum = 0;
        for (JsonNode row : rows) {
            sum += row.path("sellable").asInt();
        }
        return sum;
    }

    long availabilityVersion(String sku) {
        return http.get(inventory() + "/availability/" + sku)
                .expect(200)
                .body()
                .path("version")
                .asLong();
    }

    JsonNode availability(String sku) {
        return http.get(inventory() + "/availability/" + sku).expect(200).body();
    }

    /** Inventory's explanation of the channel's number: its {@code terms.policy.buffer} says how it was sized. */
    JsonNode explanation(String sku, String channelId) {
        return http.get(inventory() + "/skus/" + sku + "/explanation?channel=" + channelId)
                .expect(200)
                .body();
    }

    void channel(String id, String type, String secret, String apiBaseUrl, int ratePerSecond) {
        channel(id, type, secret, apiBaseUrl, ratePerSecond, true);
    }

    /** @param compareAndSet whether Shopify pushes compare against the store's quantity */
    void channel(String id, String type, String secret, String apiBaseUrl, int ratePerSecond, boolean compareAndSet) {
        channel(id, type, secret, apiBaseUrl, ratePerSecond, compareAndSet, Map.of());
    }

    /** @param moreSettings channel settings besides the simulated stores' own (e.g. reconcileIntervalSeconds) */
    void channel(
            String id,
            String type,
            String secret,
            String apiBaseUrl,
            int ratePerSecond,
            boolean compareAndSet,
            Map<String, String> moreSettings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("name", id);
        body.put("apiBaseUrl", apiBaseUrl);
        body.put("rateLimitPerSecond", ratePerSecond);
        body.put("active", true);
        body.put("credentials", Map.of("webhookSecret", secret, "apiToken", "token-" + id));
        Map<String, String> settings = new LinkedHashMap<>(moreSettings);
        settings.putAll(Map.of(
                "amazonSellerId", "A1SELLER",
                "amazonMarketplaceId", "A1PHAD404",
                "shopifyLocationId", "gid://shopify/Location/1",
                "etsyShopId", dev.shelfsync.simulator.ChannelConfig.ETSY_SHOP_ID,
                "compareQuantity", Boolean.toString(compareAndSet),
                // simulated marketplaces only: pushes name the sales in flight they subtract
                "traceSales", "true"));
        body.put("settings", settings);
        http.put(system.url("gateway") + "/channels/" + id, body).expect(200, 201);
    }

    void listing(String channelId, String listingId, String sku) {
        http.put(
                        system.url("gateway") + "/channels/" + channelId + "/listings/" + listingId,
                        Map.of("sku", sku, "packSize", 1))
                .expect(200, 201);
    }

    /** Bulk listing import: rows of (listingId, sku). */
    void importListings(String channelId, List<String[]> rows) {
        StringBuilder csv = new StringBuilder("listingId,sku,packSize\n");
        rows.forEach(r -> csv.append(r[0]).append(',').append(r[1]).append(",1\n"));
        http.postText(system.url("gateway") + "/channels/" + channelId + "/listings/import", "text/csv", csv.toString())
                .expect(200, 201, 204);
    }
}

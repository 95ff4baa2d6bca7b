package dev.shelfsync.gateway.channel;

import java.util.Map;

/**
 * A marketplace channel as the gateway uses it. Holds credentials, so {@link #toString()} never prints them.
 *
 * @param settings non-secret API parameters (shopifyLocationId, amazonSellerId, amazonMarketplaceId, etsyShopId, ...)
 */
public record Channel(
        String id,
        String type,
        String name,
        String apiBaseUrl,
        int rateLimitPerSecond,
        boolean active,
        Map<String, String> credentials,
        Map<String, String> settings) {

    public Channel {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public String credential(String name) {
        return credentials.get(name);
    }

    public String setting(String name, String fallback) {
        return settings.getOrDefault(name, fallback);
    }

    /**
     * Whether pushes to this channel are compare-and-set (Shopify, unless its setting {@code compareQuantity=false}).
     * Only then does Shelfsync know what the store shows between pushes: elsewhere a push can land after a sale
     * the store already took off its shelf and put it back.
     */
    public boolean comparesQuantity() {
        return type.equals("shopify") && !"false".equals(setting("compareQuantity", "true"));
    }

    @Override
    public String toString() {
        return "Channel[id=" + id + ", type=" + type + ", apiBaseUrl=" + apiBaseUrl + ", active=" + active + "]";
    }
}

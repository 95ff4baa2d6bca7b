package dev.shelfsync.simulator;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated marketplace.
 *
 * @param id the channel id, the same as in the gateway's channel registry
 * @param type shopify, woocommerce, amazon or etsy (decides the push API shape and the webhook format)
 * @param webhookSecret the secret the marketplace signs its webhooks with (the gateway's channel webhookSecret)
 * @param gatewayUrl the gateway's base URL, e.g. {@code http://127.0.0.1:8084}; webhooks go to
 *     {@code <gatewayUrl>/webhooks/<type>/<id>}
 * @param rateLimitPerSecond accepted push requests per second; beyond it the simulator answers 429 with Retry-After
 * @param listings initial listed quantity per listing id (Shopify inventory item / variant id, WooCommerce product
 *     id, Amazon seller SKU, Etsy listing id)
 * @param shipTo where simulated buyers live
 */
public record ChannelConfig(
        String id,
        String type,
        String webhookSecret,
        String gatewayUrl,
        int rateLimitPerSecond,
        Map<String, Integer> listings,
        ShipTo shipTo) {

    /** The shop id of every simulated Etsy shop (the gateway channel's {@code etsyShopId} setting). */
    public static final String ETSY_SHOP_ID = "31415926";

    public ChannelConfig {
        if (id == null || id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("channel id must be a non-empty path segment");
        }
        type = type == null ? "shopify" : type;
        if (!type.equals("shopify") && !type.equals("woocommerce") && !type.equals("amazon") && !type.equals("etsy")) {
            throw new IllegalArgumentException("unsupported channel type " + type);
        }
        rateLimitPerSecond = rateLimitPerSecond <= 0 ? 2 : rateLimitPerSecond;
        listings = listings == null ? Map.of() : new LinkedHashMap<>(listings);
        shipTo = shipTo == null ? ShipTo.BERLIN : shipTo;
    }

    public static ChannelConfig of(
            String id, String type, String webhookSecret, String gatewayUrl, int rateLimitPerSecond) {
        return new ChannelConfig(id, type, webhookSecret, gatewayUrl, rateLimitPerSecond, Map.of(), null);
    }

    public ChannelConfig withListing(String listingId, int quantity) {
        Map<String, Integer> copy = new LinkedHashMap<>(listings);
        copy.put(listingId, quantity);
        return new ChannelConfig(id, type, webhookSecret, gatewayUrl, rateLimitPerSecond, copy, shipTo);
    }

    public ChannelConfig withShipTo(ShipTo shipTo) {
        return new ChannelConfig(id, type, webhookSecret, gatewayUrl, rateLimitPerSecond, listings, shipTo);
    }

    /** A buyer's address as the marketplace reports it. */
    public record ShipTo(String countryCode, String postalCode, BigDecimal latitude, BigDecimal longitude) {
        public static final ShipTo BERLIN =
                new ShipTo("DE", "10115", new BigDecimal("52.5320"), new BigDecimal("13.3849"));
    }
}

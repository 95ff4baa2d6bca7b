package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;

import dev.shelfsync.simulator.MarketplaceSimulator;
import io.restassured.http.ContentType;
import java.util.Map;

/** The gateway calls several system tests make: a simulated store registered as a channel, a listing mapped. */
final class GatewayCalls {

    private GatewayCalls() {}

    /**
     * Registers a simulated store as a channel at 20 requests/s, with the settings each marketplace type needs (the
     * others are ignored).
     */
    static void channel(MarketplaceSimulator stores, String id, String type, String secret) {
        given().baseUri(SystemUnderTest.url("gateway"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        type,
                        "name",
                        id,
                        "apiBaseUrl",
                        stores.apiBaseUrl(id),
                        "rateLimitPerSecond",
                        20,
                        "credentials",
                        Map.of("webhookSecret", secret, "apiToken", "token-" + id),
                        "settings",
                        Map.of(
                                "amazonSellerId",
                                "A1SELLER",
                                "amazonMarketplaceId",
                                "A1PHAD404",
                                "shopifyLocationId",
                                "gid://shopify/Location/1")))
                .put("/channels/{id}", id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    static void listing(String channelId, String listingId, String sku) {
        listing(channelId, listingId, sku, 1);
    }

    /** A listing sold in packs: the store shows whole packs of {@code packSize} units. */
    static void listing(String channelId, String listingId, String sku, int packSize) {
        given().baseUri(SystemUnderTest.url("gateway"))
                .contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "packSize", packSize))
                .put("/channels/{channel}/listings/{listing}", channelId, listingId)
                .then()
                .statusCode(200);
    }
}

package dev.shelfsync.gateway.listing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.gateway.GatewayFixtures;
import dev.shelfsync.platform.testing.SignedIn;
import dev.shelfsync.platform.testing.Tokens;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The explanation of a listing's number is the arithmetic the pushers pushed: after a sale in flight on a fenced
 * channel and a buffered availability for another, its terms give exactly the quantity the store received.
 */
@QuarkusTest
class ListingExplanationTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void theTermsShownGiveTheQuantityPushedToTheStore() {
        long n = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
        String sku = "EXPLAIN-" + n;
        String shop = "ex" + n + "-shop";
        String woo = "ex" + n + "-woo";
        String shopListing = String.valueOf(n);
        String wooListing = String.valueOf(n + 1);
        try (MarketplaceSimulator simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(shop, "shopify", "s" + n, gateway.toString(), 20)
                        .withListing(shopListing, 0),
                ChannelConfig.of(woo, "woocommerce", "w" + n, gateway.toString(), 20)
                        .withListing(wooListing, 0)))) {
            GatewayFixtures.channel(shop, "shopify", "s" + n, simulator.apiBaseUrl(shop), 20, null);
            GatewayFixtures.channel(woo, "woocommerce", "w" + n, simulator.apiBaseUrl(woo), 20, null);
            GatewayFixtures.listing(shop, shopListing, sku, 1);
            GatewayFixtures.listing(woo, wooListing, sku, 2);
            // Inventory gives WooCommerce 17 (a buffer held back), the shop keeps a fence of 2.
            GatewayFixtures.availability(sku, 1, 20, "{\"%s\":17}".formatted(woo), "{\"%s\":2}".formatted(shop));
            awaitListed(simulator, woo, wooListing, 8);
            awaitListed(simulator, shop, shopListing, 20);

            // The shop sells 4: 2 inside its fence, 2 beyond it that WooCommerce can no longer sell.
            Sale sale = simulator.sell(shop, shopListing, 4);
            assertEquals(200, sale.gatewayStatus());
            awaitListed(simulator, woo, wooListing, 7);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().get("/channels/{c}/listings/{l}", woo, wooListing)
                            .then()
                            .body("pushedQuantity", equalTo(7)));

            JsonPath explained = given().get("/channels/{c}/listings/{sku}/explanation", woo, sku)
                    .then()
                    .statusCode(200)
                    .body("available.quantity", equalTo(17))
                    .body("available.version", equalTo(1))
                    .body("available.fromDefaultPool", equalTo(false))
                    .body("available.ownFenceRemaining", nullValue())
                    .body("salesInFlight.orderId", contains(sale.externalOrderId()))
                    .body("salesInFlight[0].channelId", equalTo(shop))
                    .body("salesInFlight[0].units", equalTo(4))
                    .body("salesInFlight[0].committedAt", notNullValue())
                    .body("subtractedByChannel[0].channelId", equalTo(shop))
                    .body("subtractedByChannel[0].units", equalTo(4))
                    .body("subtractedByChannel[0].fenceRemaining", equalTo(2))
                    .body("subtractedByChannel[0].subtracted", equalTo(2))
                    .body("subtracted", equalTo(2))
                    .body("listings.listingId", contains(wooListing))
                    .body("listings[0].packSize", equalTo(2))
                    .body("listings[0].pushedVersion", equalTo(1))
                    .body("listings[0].sentAt", notNullValue())
                    .body("listings[0].acknowledgedAt", notNullValue())
                    .body("listings[0].shelfRule", nullValue())
                    .extract()
                    .jsonPath();
            int terms = Math.max(0, explained.getInt("available.quantity") - explained.getInt("subtracted"))
                    / explained.getInt("listings[0].packSize");
            assertEquals(terms, explained.getInt("listings[0].quantity"));
            assertEquals(terms, explained.getInt("listings[0].pushedQuantity"));
            assertEquals(terms, simulator.listedQuantity(woo, wooListing));

            // The fenced shop: its own sale is subtracted in full and its shelf is compared with what it believes
            // the store shows, so nothing is sent for it and the store keeps the 16 it lowered itself to.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().get("/channels/{c}/listings/{sku}/explanation", shop, sku)
                            .then()
                            .body("available.fromDefaultPool", equalTo(true))
                            .body("available.ownFenceRemaining", equalTo(2))
                            .body("subtracted", equalTo(4))
                            .body("listings[0].quantity", equalTo(16))
                            .body("listings[0].pushedQuantity", equalTo(16))
                            .body("listings[0].shelfRule.soldSincePush", equalTo(0))
                            .body("listings[0].shelfRule.believedShelf", equalTo(16)));
            assertEquals(16, simulator.listedQuantity(shop, shopListing));
        }
    }

    @Test
    void unknownChannelsAndUnlistedSkusAreNotFoundProblems() {
        given().get("/channels/{c}/listings/{sku}/explanation", "no-such-channel", "ANY")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Channel no-such-channel does not exist."));
        String channel = "ex-empty-" + ThreadLocalRandom.current().nextInt(1_000_000);
        GatewayFixtures.channel(channel, "custom", "secret", null, 5, null);
        given().get("/channels/{c}/listings/{sku}/explanation", channel, "NOT-LISTED")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyMerchantOpsAndAdminsReadExplanations() {
        String channel = "ex-auth-" + ThreadLocalRandom.current().nextInt(1_000_000);
        GatewayFixtures.channel(channel, "custom", "secret", null, 5, null);
        GatewayFixtures.listing(channel, "L1", "EX-AUTH", 1);
        given().header("Authorization", "Bearer " + Tokens.merchantOps())
                .get("/channels/{c}/listings/{sku}/explanation", channel, "EX-AUTH")
                .then()
                .statusCode(200)
                .body("available", nullValue())
                .body("listings[0].listingId", equalTo("L1"));
        for (String token : new String[] {Tokens.service(), Tokens.staff("wes", "berlin")}) {
            given().header("Authorization", "Bearer " + token)
                    .get("/channels/{c}/listings/{sku}/explanation", channel, "EX-AUTH")
                    .then()
                    .statusCode(403);
        }
        SignedIn.nobody();
        given().get("/channels/{c}/listings/{sku}/explanation", channel, "EX-AUTH")
                .then()
                .statusCode(401);
    }

    private static void awaitListed(MarketplaceSimulator simulator, String channelId, String listingId, int quantity) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Objects.equals(simulator.listedQuantity(channelId, listingId), quantity));
    }
}

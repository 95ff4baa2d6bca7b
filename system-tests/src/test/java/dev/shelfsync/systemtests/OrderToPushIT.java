package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thin slice across all five services: a marketplace's signed order webhook reaches the gateway, routing
 * picks a location, inventory reserves it, and every other channel is pushed the lower quantity.
 */
class OrderToPushIT {

    private static final String SHOP = "shopify-main";
    private static final String AMAZON = "amazon-eu";
    private static final String WOO = "woo-web";
    private static final String SHOP_SECRET = "shop-webhook-secret-for-tests";
    private static final String WOO_SECRET = "woo-webhook-secret-for-tests";
    private static final String AMAZON_SECRET = "amazon-relay-secret-for-tests";

    private static MarketplaceSimulator marketplaces;

    @BeforeAll
    static void startSystem() {
        SystemUnderTest.get();
        String gateway = SystemUnderTest.url("gateway");
        marketplaces = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(SHOP, "shopify", SHOP_SECRET, gateway, 40),
                ChannelConfig.of(AMAZON, "amazon", AMAZON_SECRET, gateway, 5),
                ChannelConfig.of(WOO, "woocommerce", WOO_SECRET, gateway, 20),
                // The same shop, but signing with a secret the gateway does not know.
                ChannelConfig.of("forged", "shopify", "not-the-secret", gateway, 5)));
        GatewayCalls.channel(marketplaces, SHOP, "shopify", SHOP_SECRET);
        GatewayCalls.channel(marketplaces, AMAZON, "amazon", AMAZON_SECRET);
        GatewayCalls.channel(marketplaces, WOO, "woocommerce", WOO_SECRET);
        GatewayCalls.channel(marketplaces, "forged", "shopify", "the-real-secret");
        InventoryCalls.warehouse("berlin", "Berlin DC", 52.52, 13.40);
    }

    @AfterAll
    static void stopMarketplaces() {
        marketplaces.close();
    }

    @Test
    void aSaleOnOneChannelLowersWhatEveryOtherChannelShows() {
        String sku = "MUG-" + System.nanoTime();
        String shopListing = listingsFor(sku, 5);

        Sale sale = marketplaces.sell(SHOP, shopListing, 1);

        assertEquals(200, sale.gatewayStatus());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(4, marketplaces.listedQuantity(AMAZON, amazonListing(sku)));
            assertEquals(4, marketplaces.listedQuantity(WOO, wooListing(sku)));
        });
        // The other channels show the sale from the gateway's sales in flight; inventory's reservation follows.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(SystemUnderTest.url("inventory"))
                .get("/stock/{sku}", sku)
                .then()
                .body("[0].reserved", equalTo(1))
                .body("[0].sellable", equalTo(4)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(SystemUnderTest.url("routing"))
                .queryParam("channelId", SHOP)
                .queryParam("externalOrderId", sale.externalOrderId())
                .get("/orders")
                .then()
                .statusCode(200)
                .body("state", equalTo("routed")));
    }

    @Test
    void anUnsignedOrForgedWebhookIsRefusedAndChangesNothing() {
        String sku = "CUP-" + System.nanoTime();
        String shopListing = listingsFor(sku, 5);
        marketplaces.setListedQuantity("forged", shopListing, 5);

        assertEquals(401, marketplaces.sell("forged", shopListing, 1).gatewayStatus());
        given().baseUri(SystemUnderTest.url("gateway"))
                .contentType(ContentType.JSON)
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Webhook-Id", "unsigned-" + sku)
                .body("{\"id\": 1, \"line_items\": []}")
                .post("/webhooks/shopify/{channel}", SHOP)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));

        // A real sale afterwards is the first and only reservation (Amazon shows 4 as soon as the gateway has the
        // sale; the reservation follows).
        assertEquals(200, marketplaces.sell(SHOP, shopListing, 1).gatewayStatus());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(4, marketplaces.listedQuantity(AMAZON, amazonListing(sku))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(SystemUnderTest.url("inventory"))
                .get("/stock/{sku}", sku)
                .then()
                .body("[0].reserved", equalTo(1)));
    }

    @Test
    void theSameWebhookDeliveredTwiceReservesOnce() {
        String sku = "BOWL-" + System.nanoTime();
        String shopListing = listingsFor(sku, 5);

        Sale sale = marketplaces.sell(SHOP, shopListing, 2);
        assertEquals(200, sale.gatewayStatus());
        assertEquals(200, marketplaces.redeliver(SHOP, sale.deliveryId()));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(3, marketplaces.listedQuantity(WOO, wooListing(sku))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(SystemUnderTest.url("inventory"))
                .get("/ledger?sku={sku}", sku)
                .then()
                .body("findAll { it.reason == 'reservation' }.size()", equalTo(1)));
        given().baseUri(SystemUnderTest.url("inventory"))
                .get("/stock/{sku}", sku)
                .then()
                .body("[0].reserved", equalTo(2));
        assertTrue(marketplaces.pushes(WOO).stream()
                .filter(push -> push.listingId().equals(wooListing(sku)))
                .noneMatch(push -> push.quantity() < 3));
    }

    /** Creates the SKU with {@code units} at Berlin and maps a listing on each channel; returns the Shopify one. */
    private static String listingsFor(String sku, int units) {
        InventoryCalls.sku(sku, sku);
        InventoryCalls.receive(sku, "berlin", units);
        String shopListing = String.valueOf(Math.abs(sku.hashCode()));
        GatewayCalls.listing(SHOP, shopListing, sku);
        GatewayCalls.listing(AMAZON, amazonListing(sku), sku);
        GatewayCalls.listing(WOO, wooListing(sku), sku);
        marketplaces.setListedQuantity(SHOP, shopListing, units);
        marketplaces.setListedQuantity(AMAZON, amazonListing(sku), units);
        marketplaces.setListedQuantity(WOO, wooListing(sku), units);
        return shopListing;
    }

    private static String amazonListing(String sku) {
        return sku + "-AMZ";
    }

    private static String wooListing(String sku) {
        return String.valueOf(Math.abs(sku.hashCode()) % 1_000_000 + 1);
    }
}

package dev.shelfsync.gateway.sales;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A sale lowers the other channels as soon as its webhook is committed, a lagging availability never raises a shelf
 * above what is left after the sales in flight, and the sale stops counting once inventory's numbers include it or
 * routing gives it up.
 */
@QuarkusTest
class SalesInFlightTest {

    @TestHTTPResource("/")
    URL gateway;

    private static void channel(MarketplaceSimulator simulator, String id, String type, String secret) {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"%s","name":"%s","apiBaseUrl":"%s","rateLimitPerSecond":20,
                         "credentials":{"webhookSecret":"%s","apiToken":"t"},"settings":{"traceSales":"true"}}"""
                                .formatted(type, id, simulator.apiBaseUrl(id), secret))
                .put("/channels/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void listing(String channelId, String listingId, String sku) {
        given().contentType("application/json")
                .body("{\"sku\":\"%s\",\"packSize\":1}".formatted(sku))
                .put("/channels/" + channelId + "/listings/" + listingId)
                .then()
                .statusCode(200);
    }

    private static void availability(String sku, long version, int available) {
        availability(sku, version, available, "{}", "{}");
    }

    private static void availability(String sku, long version, int available, String channels, String fences) {
        availability(sku, version, available, channels, fences, "[]");
    }

    private static void availability(
            String sku, long version, int available, String channels, String fences, String sales) {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "inventory",
                "inventory.availability-changed",
                id,
                """
                {"id":"%s","type":"inventory.availability-changed","occurredAt":"2026-12-01T10:00:00Z",
                 "correlationId":"test","version":%d,
                 "payload":{"sku":"%s","version":%d,"defaultAvailable":%d,"channels":%s,"fences":%s,"sales":%s}}"""
                        .formatted(id, version, sku, version, available, channels, fences, sales));
    }

    private static void routed(String channelId, String externalOrderId, String sku, long version) {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "orders",
                "orders.routed",
                id,
                """
                {"id":"%s","type":"orders.routed","occurredAt":"2026-12-01T10:00:00Z","correlationId":"test",
                 "payload":{"orderId":"o-%s","channelId":"%s","externalOrderId":"%s",
                  "allocations":[{"lineId":"1","sku":"%s","locationId":"east","quantity":1}],
                  "availabilityVersions":{"%s":%d}}}"""
                        .formatted(id, id, channelId, externalOrderId, sku, sku, version));
    }

    private static void unfulfillable(String channelId, String externalOrderId, String sku) {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "orders",
                "orders.unfulfillable",
                id,
                """
                {"id":"%s","type":"orders.unfulfillable","occurredAt":"2026-12-01T10:00:00Z","correlationId":"test",
                 "payload":{"orderId":"o-%s","channelId":"%s","externalOrderId":"%s","shortSkus":["%s"],
                  "action":"backordered"}}"""
                        .formatted(id, id, channelId, externalOrderId, sku));
    }

    private static long inFlight(String sku) {
        return TestSupport.count("select count(*) from sale_in_flight where sku = ?", sku);
    }

    /**
     * A Shopify store {@code <prefix>-shop} and a WooCommerce store {@code <prefix>-woo}, each listing the SKU once
     * (pack 1) and starting at 0, registered with the gateway.
     */
    private MarketplaceSimulator stores(String prefix, String sku, String shopListing, String wooListing, int rate) {
        String url = gateway.toString();
        MarketplaceSimulator simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(prefix + "-shop", "shopify", prefix + "1", url, rate)
                        .withListing(shopListing, 0),
                ChannelConfig.of(prefix + "-woo", "woocommerce", prefix + "2", url, rate)
                        .withListing(wooListing, 0)));
        channel(simulator, prefix + "-shop", "shopify", prefix + "1");
        channel(simulator, prefix + "-woo", "woocommerce", prefix + "2");
        listing(prefix + "-shop", shopListing, sku);
        listing(prefix + "-woo", wooListing, sku);
        return simulator;
    }

    /** Listings start at 0 in the stores, so seeing the pushed number means the push arrived. */
    private static void awaitListed(MarketplaceSimulator simulator, String channelId, String listingId, int quantity) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(
                        quantity,
                        simulator.listedQuantity(channelId, listingId),
                        () -> channelId + " received " + simulator.pushes(channelId)));
    }

    @Test
    void aSaleLowersTheOtherChannelBeforeInventoryAnswersAndStaleAvailabilityNeverRaisesIt() {
        try (MarketplaceSimulator simulator = stores("fl", "FLIGHT-1", "66601", "661", 20)) {
            availability("FLIGHT-1", 1, 10);
            awaitListed(simulator, "fl-shop", "66601", 10);
            awaitListed(simulator, "fl-woo", "661", 10);
            int shopPushes = simulator.pushes("fl-shop").size();

            Sale sale = simulator.sell("fl-shop", "66601", 3);
            assertEquals(200, sale.gatewayStatus());
            // no availability event yet: the gateway alone knows of the sale
            awaitListed(simulator, "fl-woo", "661", 7);
            Push lowered = last(simulator.pushes("fl-woo"));
            assertEquals(1L, lowered.version());
            assertTrue(lowered.reflects("fl-shop", sale.externalOrderId(), null), lowered.toString());
            assertEquals(
                    7,
                    simulator.listedQuantity("fl-shop", "66601"),
                    "the store took its own sale off: " + simulator.pushes("fl-shop"));

            // an availability computed before inventory saw the sale: nobody goes back up to 10
            availability("FLIGHT-1", 2, 10);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/channels/fl-woo/listings/661")
                    .then()
                    .body("pushedVersion", org.hamcrest.Matchers.equalTo(2)));
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("fl-woo", "661"), 7)
                            && Objects.equals(simulator.listedQuantity("fl-shop", "66601"), 7));

            // inventory reserves it (version 3 includes it): the sale is no longer in flight, numbers stay right
            routed("fl-shop", sale.externalOrderId(), "FLIGHT-1", 3);
            availability("FLIGHT-1", 3, 7);
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("FLIGHT-1") == 0);
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("fl-woo", "661"), 7)
                            && Objects.equals(simulator.listedQuantity("fl-shop", "66601"), 7));
            assertTrue(
                    simulator.pushes("fl-shop").stream().skip(shopPushes).allMatch(push -> push.quantity() <= 7),
                    "the selling store was never pushed above what is left: " + simulator.pushes("fl-shop"));

            // the availability that first includes a sale names it: from that version on it is counted once, not twice
            Sale named = simulator.sell("fl-shop", "66601", 1);
            assertEquals(200, named.gatewayStatus());
            awaitListed(simulator, "fl-woo", "661", 6);
            availability(
                    "FLIGHT-1",
                    4,
                    6,
                    "{}",
                    "{}",
                    "[{\"channelId\":\"fl-shop\",\"externalOrderId\":\"%s\"}]".formatted(named.externalOrderId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("FLIGHT-1") == 0);
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("fl-woo", "661"), 6)
                            && Objects.equals(simulator.listedQuantity("fl-shop", "66601"), 6));

            // a sale routing cannot fulfil gives its units back to the other channel
            Sale refused = simulator.sell("fl-woo", "661", 2);
            assertEquals(200, refused.gatewayStatus());
            awaitListed(simulator, "fl-shop", "66601", 4);
            unfulfillable("fl-woo", refused.externalOrderId(), "FLIGHT-1");
            awaitListed(simulator, "fl-shop", "66601", 6);
            assertEquals(0, inFlight("FLIGHT-1"));
        }
    }

    @Test
    void concurrentSalesOnTwoChannelsAndAvailabilityChangesEndOnEverySaleSubtracted() throws Exception {
        try (MarketplaceSimulator simulator = stores("fc", "FLIGHT-2", "77701", "771", 50)) {
            availability("FLIGHT-2", 1, 100);
            awaitListed(simulator, "fc-shop", "77701", 100);
            awaitListed(simulator, "fc-woo", "771", 100);

            List<Callable<Integer>> work = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                work.add(() -> simulator.sell("fc-shop", "77701", 1).gatewayStatus());
                work.add(() -> simulator.sell("fc-woo", "771", 1).gatewayStatus());
                long version = 2 + i;
                work.add(() -> {
                    availability("FLIGHT-2", version, 100); // inventory has not seen any of the sales yet
                    return 200;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                for (Future<Integer> status : pool.invokeAll(work)) {
                    assertEquals(200, status.get());
                }
            } finally {
                pool.shutdownNow();
            }

            assertEquals(40, inFlight("FLIGHT-2"));
            awaitListed(simulator, "fc-shop", "77701", 60);
            awaitListed(simulator, "fc-woo", "771", 60);
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("fc-shop", "77701"), 60)
                            && Objects.equals(simulator.listedQuantity("fc-woo", "771"), 60));
        }
    }

    @Test
    void aSaleInsideItsChannelsRingFenceLeavesTheOtherFencedChannelAlone() {
        try (MarketplaceSimulator simulator = stores("ff", "FLIGHT-3", "88801", "881", 20)) {
            // 20 units, 10 fenced for each channel
            availability("FLIGHT-3", 1, 0, "{\"ff-shop\":10,\"ff-woo\":10}", "{\"ff-shop\":10,\"ff-woo\":10}");
            awaitListed(simulator, "ff-shop", "88801", 10);
            awaitListed(simulator, "ff-woo", "881", 10);
            int wooPushes = simulator.pushes("ff-woo").size();

            assertEquals(200, simulator.sell("ff-shop", "88801", 4).gatewayStatus());
            assertEquals(1, inFlight("FLIGHT-3"));
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("ff-woo", "881"), 10)
                            && Objects.equals(simulator.listedQuantity("ff-shop", "88801"), 6));
            assertTrue(
                    simulator.pushes("ff-woo").stream().skip(wooPushes).allMatch(push -> push.quantity() == 10),
                    "the other fenced channel keeps its 10: " + simulator.pushes("ff-woo"));
        }
    }

    @Test
    void aFencedStoreThatCannotCompareIsNeverPushedForItsOwnSalesOnlyWhenItsFenceChanges() {
        try (MarketplaceSimulator simulator = stores("fo", "FLIGHT-5", "55501", "551", 20)) {
            availability("FLIGHT-5", 1, 0, "{\"fo-shop\":10,\"fo-woo\":10}", "{\"fo-shop\":10,\"fo-woo\":10}");
            awaitListed(simulator, "fo-shop", "55501", 10);
            awaitListed(simulator, "fo-woo", "551", 10);
            // a new channel is reconciled once at once; after that sweep a lost webhook stays lost for this test
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.orderReads("fo-woo") > 0);
            int wooPushes = simulator.pushes("fo-woo").size();

            // WooCommerce sells one whose webhook is still on its way, then two more that it reports
            simulator.sellWithoutWebhook("fo-woo", "551", 1);
            Sale reported = simulator.sell("fo-woo", "551", 2);
            assertEquals(200, reported.gatewayStatus());
            // inventory reserves the reported sale inside WooCommerce's fence
            availability(
                    "FLIGHT-5",
                    2,
                    0,
                    "{\"fo-shop\":10,\"fo-woo\":8}",
                    "{\"fo-shop\":10,\"fo-woo\":8}",
                    "[{\"channelId\":\"fo-woo\",\"externalOrderId\":\"%s\"}]".formatted(reported.externalOrderId()));
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("FLIGHT-5") == 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/channels/fo-woo/listings/551")
                    .then()
                    .body("pushedVersion", org.hamcrest.Matchers.equalTo(2)));
            // A push of 8 (10 less the sales the gateway knows of) would have put the unreported sale back on the
            // shelf.
            await().during(Duration.ofMillis(800))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("fo-woo", "551"), 7)
                            && Objects.equals(simulator.listedQuantity("fo-shop", "55501"), 10));
            assertEquals(
                    wooPushes,
                    simulator.pushes("fo-woo").size(),
                    "no push for the store's own sales: " + simulator.pushes("fo-woo"));

            // The fence itself grows (a restock of 5 for WooCommerce): that is pushed. This absolute push does
            // overwrite
            // the unreported sale (13, not 12): the risk that remains when a fence changes while a store that cannot
            // compare is selling (docs/channel-gateway.md, Ring-fenced channels).
            availability("FLIGHT-5", 3, 0, "{\"fo-shop\":10,\"fo-woo\":13}", "{\"fo-shop\":10,\"fo-woo\":13}");
            awaitListed(simulator, "fo-woo", "551", 13);
            assertEquals(10, simulator.listedQuantity("fo-shop", "55501"));
        }
    }

    @Test
    void aShopifyPushComputedBeforeALateWebhookIsRefusedInsteadOfPuttingTheSaleBackOnTheShelf() {
        try (MarketplaceSimulator simulator = stores("fs", "FLIGHT-4", "99901", "991", 20)) {
            availability("FLIGHT-4", 1, 10);
            awaitListed(simulator, "fs-shop", "99901", 10);
            awaitListed(simulator, "fs-woo", "991", 10);
            // a new channel is reconciled once at once; after that sweep a lost webhook stays lost for this test
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.orderReads("fs-shop") > 0);

            // the store sells one; its webhook is delayed
            Sale late = simulator.sellWithoutWebhook("fs-shop", "99901", 1);
            assertEquals(9, simulator.listedQuantity("fs-shop", "99901"));
            // meanwhile inventory reports a sale elsewhere: the push to Shopify compares against 10 and is refused
            availability("FLIGHT-4", 2, 8);
            awaitListed(simulator, "fs-woo", "991", 8);
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.staleComparisons("fs-shop") > 0);
            assertEquals(9, simulator.listedQuantity("fs-shop", "99901"), "the refused push changed nothing");

            // the webhook lands: the next push starts from the store's real shelf and takes the sale into account
            assertEquals(200, simulator.redeliver("fs-shop", late.deliveryId()));
            awaitListed(simulator, "fs-shop", "99901", 7);
            awaitListed(simulator, "fs-woo", "991", 7);
        }
    }

    private static Push last(List<Push> pushes) {
        return pushes.get(pushes.size() - 1);
    }
}

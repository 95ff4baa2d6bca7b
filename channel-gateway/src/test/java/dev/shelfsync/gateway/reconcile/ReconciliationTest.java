package dev.shelfsync.gateway.reconcile;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Scheduled sweeps recover orders whose webhook never came (once) and correct listings changed behind our back. */
@QuarkusTest
class ReconciliationTest {

    private static final String FAST = "{\"reconcileIntervalSeconds\":\"0.5\"}";
    // slow enough that a push lands between a sale and the sweep that finds it
    private static final String SLOW = "{\"reconcileIntervalSeconds\":\"15\"}";
    private static MarketplaceSimulator simulator;

    @TestHTTPResource("/")
    URL gateway;

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    private void start() {
        if (simulator == null) {
            String url = gateway.toString();
            simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                    ChannelConfig.of("rc-shop", "shopify", "r1", url, 5).withListing("77001", 30),
                    ChannelConfig.of("rc-woo", "woocommerce", "r2", url, 5).withListing("771", 30),
                    ChannelConfig.of("rc-amz", "amazon", "r3", url, 5).withListing("RC-AMZ", 30),
                    ChannelConfig.of("rc-drift", "woocommerce", "r4", url, 5).withListing("781", 0),
                    ChannelConfig.of("rc-late", "shopify", "r5", url, 5).withListing("79901", 0)));
            channel("rc-shop", "shopify", "r1", simulator.apiBaseUrl("rc-shop"), 5, FAST);
            channel("rc-woo", "woocommerce", "r2", simulator.apiBaseUrl("rc-woo"), 5, FAST);
            channel("rc-amz", "amazon", "r3", simulator.apiBaseUrl("rc-amz"), 5, FAST);
            channel("rc-drift", "woocommerce", "r4", simulator.apiBaseUrl("rc-drift"), 5, FAST);
            channel("rc-late", "shopify", "r5", simulator.apiBaseUrl("rc-late"), 5, SLOW);
            listing("rc-shop", "77001", "RC-SKU", 2);
            listing("rc-woo", "771", "RC-SKU", 1);
            listing("rc-amz", "RC-AMZ", "RC-SKU", 1);
            listing("rc-drift", "781", "RC-DRIFT", 1);
            listing("rc-late", "79901", "RC-LATE", 1);
        }
    }

    @Test
    void aSaleWhoseWebhookNeverCameIsRecoveredExactlyOnce() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale shop = simulator.sellWithoutWebhook("rc-shop", "77001", 2);
            Sale woo = simulator.sellWithoutWebhook("rc-woo", "771", 1);
            Sale amz = simulator.sellWithoutWebhook("rc-amz", "RC-AMZ", 3);
            assertEquals(0, shop.gatewayStatus());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertEquals(1, received(events, shop).size());
                assertEquals(1, received(events, woo).size());
                assertEquals(1, received(events, amz).size());
            });
            // The recovered order is the one its webhook would have produced: SKU and pack size applied.
            JsonNode shopOrder = json(received(events, shop).get(0)).path("payload");
            assertEquals("RC-SKU", shopOrder.path("lines").path(0).path("sku").asText());
            assertEquals(4, shopOrder.path("lines").path(0).path("quantity").asInt());
            assertEquals(
                    3,
                    json(received(events, amz).get(0))
                            .path("payload")
                            .path("lines")
                            .path(0)
                            .path("quantity")
                            .asInt());

            // Later sweeps see the order again and leave it alone; the late webhook is a duplicate order.
            int reads = simulator.orderReads("rc-shop");
            await().atMost(Duration.ofSeconds(15)).until(() -> simulator.orderReads("rc-shop") >= reads + 2);
            assertEquals(200, simulator.redeliver("rc-shop", shop.deliveryId()));
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> received(events, shop).size() == 1);
            assertEquals(1, received(events, woo).size());
            assertEquals(1, received(events, amz).size());
            assertEquals(
                    1,
                    TestSupport.count(
                            "select count(*) from webhook_intake where channel_id = 'rc-shop' and delivery_id = ?",
                            "reconcile:" + shop.externalOrderId()));
        }
    }

    @Test
    void aListingChangedBehindShelfsyncsBackIsDetectedAndCorrected() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            availability("RC-DRIFT", 5, 12);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Objects.equals(simulator.listedQuantity("rc-drift", "781"), 12));

            simulator.setListedQuantity("rc-drift", "781", 40);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertEquals(1, drift(events).size());
                assertEquals(12, simulator.listedQuantity("rc-drift", "781"));
            });
            JsonNode event = json(drift(events).get(0)).path("payload");
            assertEquals("rc-drift", event.path("channelId").asText());
            assertEquals("781", event.path("listingId").asText());
            assertEquals("RC-DRIFT", event.path("sku").asText());
            assertEquals(12, event.path("expected").asInt());
            assertEquals(40, event.path("observed").asInt());
            // Once corrected, later sweeps find nothing more.
            await().during(Duration.ofMillis(2000))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> drift(events).size() == 1);
        }
    }

    /**
     * A sale whose webhook never came, then a push (new stock) that Shopify refuses as stale until the pusher sets the
     * shelf unconditionally, over the sale; then the sweep that recovers the order. The push already wiped the sale
     * off the shelf, so it must not count as sold since the push: counted, the believed shelf (pushed less sold since)
     * would equal the new number and the store would stay a unit high until a drift check.
     */
    @Test
    void aRecoveredSaleThatAPushOverwroteIsTakenOffTheShelfByAPushNotByADriftRepair() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            availability("RC-LATE", 1, 10);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Objects.equals(simulator.listedQuantity("rc-late", "79901"), 10));
            // a new channel is swept at once; the sale comes after that sweep, so the next one (15 s on) finds it
            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.orderReads("rc-late") > 0);

            Sale sale = simulator.sellWithoutWebhook("rc-late", "79901", 1);
            assertEquals(9, simulator.listedQuantity("rc-late", "79901"));
            // the push comes more than a second after the order time
            Thread.sleep(1200);
            availability("RC-LATE", 2, 11);
            // refused as stale (the test profile allows 25 refusals in a row), then set unconditionally
            await().atMost(Duration.ofSeconds(12))
                    .until(() -> Objects.equals(simulator.listedQuantity("rc-late", "79901"), 11));

            assertTrue(simulator.staleComparisons("rc-late") > 0);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> received(events, sale).size() == 1);
            // 11 units free less the recovered sale, which the store's shelf no longer shows
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Objects.equals(simulator.listedQuantity("rc-late", "79901"), 10));
            assertEquals(
                    List.of(),
                    events.matching("\"type\":\"channels.drift-detected\"").stream()
                            .filter(body -> body.contains("\"channelId\":\"rc-late\""))
                            .toList(),
                    "the store was corrected by a drift repair, so the push accounting left it a unit high");
        }
    }

    private static List<String> received(TestSupport.Capture events, Sale sale) {
        return events.matching("\"externalOrderId\":\"" + sale.externalOrderId() + "\"").stream()
                .filter(body -> body.contains("\"type\":\"channels.order-received\""))
                .toList();
    }

    private static List<String> drift(TestSupport.Capture events) {
        return events.matching("\"type\":\"channels.drift-detected\"").stream()
                .filter(body -> body.contains("\"channelId\":\"rc-drift\""))
                .toList();
    }
}

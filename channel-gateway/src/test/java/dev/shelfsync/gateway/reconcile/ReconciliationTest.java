package dev.shelfsync.gateway.reconcile;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
                    ChannelConfig.of("rc-drift", "woocommerce", "r4", url, 5).withListing("781", 0)));
            channel("rc-shop", "shopify", "r1", simulator.apiBaseUrl("rc-shop"), 5, FAST);
            channel("rc-woo", "woocommerce", "r2", simulator.apiBaseUrl("rc-woo"), 5, FAST);
            channel("rc-amz", "amazon", "r3", simulator.apiBaseUrl("rc-amz"), 5, FAST);
            channel("rc-drift", "woocommerce", "r4", simulator.apiBaseUrl("rc-drift"), 5, FAST);
            listing("rc-shop", "77001", "RC-SKU", 2);
            listing("rc-woo", "771", "RC-SKU", 1);
            listing("rc-amz", "RC-AMZ", "RC-SKU", 1);
            listing("rc-drift", "781", "RC-DRIFT", 1);
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

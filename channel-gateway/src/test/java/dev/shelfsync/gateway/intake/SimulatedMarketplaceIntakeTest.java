package dev.shelfsync.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shelfsync.gateway.GatewayFixtures;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimulatedMarketplaceIntakeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URL gateway;

    private static void channel(String id, String type, String secret) {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"%s","name":"%s","credentials":{"webhookSecret":"%s","apiKey":"%s"}}"""
                                .formatted(type, id, secret, secret))
                .put("/channels/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void listing(String channelId, String listingId, String sku, int packSize) {
        given().contentType("application/json")
                .body("{\"sku\":\"%s\",\"packSize\":%d}".formatted(sku, packSize))
                .put("/channels/" + channelId + "/listings/" + listingId)
                .then()
                .statusCode(200);
    }

    @Test
    void eachSimulatedMarketplacesSignedOrderBecomesOneCanonicalOrder() throws Exception {
        String url = gateway.toString();
        channel("in-shop", "shopify", "a1");
        channel("in-woo", "woocommerce", "a2");
        listing("in-shop", "55501", "SIM-SKU", 2);
        listing("in-woo", "560", "SIM-SKU", 3);
        try (TestSupport.Capture events = new TestSupport.Capture("channels");
                MarketplaceSimulator simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of("in-shop", "shopify", "a1", url, 5).withListing("55501", 5),
                        ChannelConfig.of("in-woo", "woocommerce", "a2", url, 5).withListing("560", 5),
                        ChannelConfig.of("in-amz", "amazon", "a3", url, 5).withListing("SIM-SKU-AMZ", 5),
                        ChannelConfig.of("in-bad", "shopify", "wrong", url, 5).withListing("55501", 5)))) {
            // Amazon orders are read from the channel's Orders API: the simulated store serves getOrderItems.
            GatewayFixtures.channel("in-amz", "amazon", "a3", simulator.apiBaseUrl("in-amz"), 5, null);
            listing("in-amz", "SIM-SKU-AMZ", "SIM-SKU", 1);
            Sale shop = simulator.sell("in-shop", "55501", 2);
            Sale woo = simulator.sell("in-woo", "560", 1);
            Sale amz = simulator.sell("in-amz", "SIM-SKU-AMZ", 3);
            assertEquals(200, shop.gatewayStatus());
            assertEquals(200, woo.gatewayStatus());
            assertEquals(200, amz.gatewayStatus());
            assertEquals(200, simulator.redeliver("in-woo", woo.deliveryId()));
            assertFalse(simulator.sell("in-amz", "SIM-SKU-AMZ", 3).sold());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertEquals(
                        1,
                        events.matching("\"externalOrderId\":\"" + shop.externalOrderId() + "\"")
                                .size());
                assertEquals(
                        1,
                        events.matching("\"externalOrderId\":\"" + woo.externalOrderId() + "\"")
                                .size());
                assertEquals(
                        1,
                        events.matching("\"externalOrderId\":\"" + amz.externalOrderId() + "\"")
                                .size());
            });
            assertEquals(4, quantity(events, shop.externalOrderId()));
            assertEquals(3, quantity(events, woo.externalOrderId()));
            assertEquals(3, quantity(events, amz.externalOrderId()));
        }
    }

    @Test
    void wrongSecretFromASimulatedShopIsRefused() {
        channel("in-shop2", "shopify", "right");
        listing("in-shop2", "55502", "SIM-SKU", 1);
        try (MarketplaceSimulator simulator = MarketplaceSimulator.start(
                SimulatorConfig.of(ChannelConfig.of("in-shop2", "shopify", "wrong", gateway.toString(), 5)
                        .withListing("55502", 5)))) {
            assertEquals(401, simulator.sell("in-shop2", "55502", 1).gatewayStatus());
        }
    }

    @Test
    void customChannelNeedsItsApiKey() {
        channel("in-custom", "custom", "key-123");
        listing("in-custom", "WHOLESALE-1", "SIM-SKU", 10);
        String body =
                """
                {"event":"order.created","orderId":"PO-7781",
                 "lines":[{"lineId":"1","listingId":"WHOLESALE-1","quantity":2}],
                 "shipTo":{"countryCode":"AT","postalCode":"1010"}}""";
        given().contentType("application/json")
                .header("X-Api-Key", "nope")
                .header("Idempotency-Key", "k1")
                .body(body)
                .post("/webhooks/custom/in-custom")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .header("X-Api-Key", "key-123")
                .header("Idempotency-Key", "k1")
                .body(body)
                .post("/webhooks/custom/in-custom")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("accepted"));
    }

    /** 200 orders, each delivered 5 times concurrently (same webhook id) -> exactly 200 orders published. */
    @Test
    void concurrentRedeliveriesPublishEachOrderOnce() throws Exception {
        channel("in-burst", "shopify", "burst-secret");
        listing("in-burst", "77701", "BURST-SKU", 1);
        byte[] fixture;
        try (var in = getClass().getResourceAsStream("/fixtures/shopify/orders-create.json")) {
            fixture = in.readAllBytes();
        }
        ObjectNode template = (ObjectNode) MAPPER.readTree(fixture);
        ((ObjectNode) template.path("line_items").path(0)).put("variant_id", 77701);
        ((com.fasterxml.jackson.databind.node.ArrayNode) template.path("line_items")).remove(1);
        String marker = "burst-" + UUID.randomUUID();
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int order = 0; order < 200; order++) {
            ObjectNode copy = template.deepCopy();
            copy.put("id", 900_000 + order);
            copy.put("note", marker);
            byte[] body = MAPPER.writeValueAsBytes(copy);
            String webhookId = UUID.randomUUID().toString();
            String hmac = TestSupport.hmac("burst-secret", body);
            for (int copyNo = 0; copyNo < 5; copyNo++) {
                deliveries.add(() -> given().contentType("application/json")
                        .header("X-Shopify-Topic", "orders/create")
                        .header("X-Shopify-Webhook-Id", webhookId)
                        .header("X-Shopify-Hmac-Sha256", hmac)
                        .body(body)
                        .post("/webhooks/shopify/in-burst")
                        .statusCode());
            }
        }
        Collections.shuffle(deliveries);
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                for (Future<Integer> status : pool.invokeAll(deliveries)) {
                    assertEquals(200, status.get());
                }
            } finally {
                pool.shutdown();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.matching("\"channelId\":\"in-burst\"").size() >= 200);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> events.matching("\"channelId\":\"in-burst\"").size() == 200);
            assertEquals(
                    200,
                    events.matching("\"channelId\":\"in-burst\"").stream()
                            .map(body -> body.replaceAll(".*\"externalOrderId\":\"(\\d+)\".*", "$1"))
                            .distinct()
                            .count());
            assertTrue(TestSupport.count("select count(*) from webhook_intake where channel_id = 'in-burst'") == 200);
        }
    }

    private static int quantity(TestSupport.Capture events, String orderId) throws Exception {
        JsonNode envelope = MAPPER.readTree(
                events.matching("\"externalOrderId\":\"" + orderId + "\"").get(0));
        return envelope.path("payload").path("lines").path(0).path("quantity").asInt();
    }
}

package dev.shelfsync.gateway;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.envelope;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.OrderUpdate;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Etsy end to end against the simulated Etsy shop: Standard Webhooks signed order.paid webhooks whose receipt is
 * fetched from the shop's API, whole-inventory quantity pushes within the rate limit, tracking write-back, and
 * reconciliation of a receipt whose webhook never came.
 */
@QuarkusTest
class EtsyChannelTest {

    private static final String KEY = "etsy-gateway-test-signing-key-01";
    private static final String SECRET =
            "whsec_" + Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
    private static final String SHOP = ChannelConfig.ETSY_SHOP_ID;
    private static final String MUG = "1543210987";
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
        if (simulator != null) {
            return;
        }
        String url = gateway.toString();
        simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of("etsy-in", "etsy", SECRET, url, 10).withListing(MUG, 40),
                ChannelConfig.of("etsy-push", "etsy", SECRET, url, 2)
                        .withListing("1600000001", 0)
                        .withListing("1600000002", 0)
                        .withListing("1600000003", 0)
                        .withListing("1600000004", 0),
                ChannelConfig.of("etsy-wb", "etsy", SECRET, url, 10).withListing("1610000001", 40),
                ChannelConfig.of("etsy-rc", "etsy", SECRET, url, 10).withListing("1620000001", 40)));
        register("etsy-in", 10, "{\"etsyShopId\":\"" + SHOP + "\"}");
        register("etsy-push", 2, "{\"etsyShopId\":\"" + SHOP + "\"}");
        register("etsy-wb", 10, "{\"etsyShopId\":\"" + SHOP + "\"}");
        register("etsy-rc", 10, "{\"etsyShopId\":\"" + SHOP + "\",\"reconcileIntervalSeconds\":\"0.5\"}");
        listing("etsy-in", MUG, "ETSY-MUG", 3);
        listing("etsy-wb", "1610000001", "ETSY-WB", 2);
        listing("etsy-rc", "1620000001", "ETSY-RC", 1);
        for (int i = 1; i <= 4; i++) {
            listing("etsy-push", "160000000" + i, "ETSY-PUSH-" + i, 2);
        }
        // A new channel is swept once right away; sell only after that, so webhooks, not sweeps, bring the orders.
        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.orderReads("etsy-in") >= 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> simulator.orderReads("etsy-wb") >= 1);
    }

    private void register(String id, int rate, String settings) {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"etsy","name":"%s","apiBaseUrl":"%s","rateLimitPerSecond":%d,
                         "credentials":{"webhookSecret":"%s","apiKey":"etsy-keystring","apiToken":"12345678.oauth"},
                         "settings":%s}"""
                                .formatted(id, simulator.apiBaseUrl(id), rate, SECRET, settings))
                .put("/channels/" + id)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void aSignedOrderPaidWebhookBecomesTheReceiptsOrderWithPackSizesAndARedeliveryChangesNothing() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale sale = simulator.sell("etsy-in", MUG, 2);
            assertEquals(200, sale.gatewayStatus());

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> received(events, sale).size() == 1);
            JsonNode envelope = json(received(events, sale).get(0));
            assertEquals("channels.order-received", envelope.path("type").asText());
            assertEquals(
                    "etsy-in:" + sale.externalOrderId(),
                    envelope.path("correlationId").asText());
            JsonNode payload = envelope.path("payload");
            assertEquals("etsy", payload.path("channelType").asText());
            JsonNode line = payload.path("lines").path(0);
            assertEquals("ETSY-MUG", line.path("sku").asText());
            // two 3-packs
            assertEquals(6, line.path("quantity").asInt());
            assertTrue(line.path("lineId").asText().matches("\\d+"), "the transaction id is the line id");
            assertEquals("DE", payload.path("shipTo").path("countryCode").asText());

            assertEquals(200, simulator.redeliver("etsy-in", sale.deliveryId()));
            // Etsy's API being down does not matter to a redelivery of what was already taken.
            simulator.failFor("etsy-in", 503, Duration.ofMinutes(1));
            assertEquals(200, simulator.redeliver("etsy-in", sale.deliveryId()));
            simulator.failFor("etsy-in", 503, Duration.ZERO);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> received(events, sale).size() == 1);
            assertEquals(
                    1,
                    TestSupport.count(
                            "select count(*) from webhook_intake where channel_id = 'etsy-in' and delivery_id = ?",
                            sale.deliveryId()));
        }
    }

    @Test
    void wrongMissingOrReplayedSignaturesAreRefusedAndNothingIsStored() throws Exception {
        start();
        byte[] body = fixture("order-paid.json");
        long now = Instant.now().getEpochSecond();
        long before = TestSupport.count("select count(*) from webhook_intake");

        deliver(
                        body,
                        "msg_wrong",
                        now,
                        "v1," + sign("another-key".getBytes(StandardCharsets.UTF_8), "msg_wrong", now, body))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/invalid-signature"));
        deliver(body, "msg_missing", now, null).then().statusCode(401).contentType("application/problem+json");
        long old = now - 600;
        deliver(body, "msg_old", old, "v1," + sign(key(), "msg_old", old, body))
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("3401118822", "3401118823")
                .getBytes(StandardCharsets.UTF_8);
        deliver(tampered, "msg_tampered", now, "v1," + sign(key(), "msg_tampered", now, body))
                .then()
                .statusCode(401);

        assertEquals(before, TestSupport.count("select count(*) from webhook_intake"));
        assertEquals(0, TestSupport.count("select count(*) from channel_order where external_order_id = '3401118822'"));
    }

    @Test
    void aReceiptThatCannotBeFetchedAnswers503AndStoresNothingUntilEtsyRetries() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            simulator.failFor("etsy-in", 503, Duration.ofMinutes(1));
            Sale sale = simulator.sell("etsy-in", MUG, 1);
            assertEquals(503, sale.gatewayStatus());
            assertEquals(
                    0,
                    TestSupport.count(
                            "select count(*) from webhook_intake where channel_id = 'etsy-in' and delivery_id = ?",
                            sale.deliveryId()));
            // unknown receipt on an otherwise healthy shop: Etsy refuses the read, the delivery is not taken either
            simulator.failFor("etsy-in", 503, Duration.ZERO);
            byte[] unknown = fixture("order-paid.json");
            long now = Instant.now().getEpochSecond();
            deliver(unknown, "msg_unknown_receipt", now, "v1," + sign(key(), "msg_unknown_receipt", now, unknown))
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://shelfsync.dev/problems/marketplace-unavailable"));

            assertEquals(200, simulator.redeliver("etsy-in", sale.deliveryId()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> received(events, sale).size() == 1);
            assertEquals(
                    3,
                    json(received(events, sale).get(0))
                            .path("payload")
                            .path("lines")
                            .path(0)
                            .path("quantity")
                            .asInt());
        }
    }

    @Test
    void quantitiesArePushedAsTheWholeInventoryOneListingPerCallWithinTheRate() {
        start();
        for (int i = 1; i <= 4; i++) {
            availability("ETSY-PUSH-" + i, 7, 10 + 2 * i);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int i = 1; i <= 4; i++) {
                // packs of 2
                assertEquals(5 + i, simulator.listedQuantity("etsy-push", "160000000" + i));
            }
        });
        List<Push> pushes = simulator.pushes("etsy-push");
        assertEquals(4, pushes.size());
        assertTrue(pushes.stream().allMatch(push -> push.version() == 7L));
        // Two requests per push (read, then replace) at 2 requests/s: accepted replacements are a second apart.
        List<Instant> accepted = simulator.acceptedRequests("etsy-push");
        for (int i = 1; i < accepted.size(); i++) {
            assertTrue(
                    Duration.between(accepted.get(i - 1), accepted.get(i)).toMillis() >= 900,
                    "pushes closer than the rate allows: " + accepted);
        }
        // the gateway records the push after the store's answer: the store can have it a moment earlier
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/channels/etsy-push/listings/1600000004")
                        .then()
                        .body("pushedQuantity", equalTo(9))
                        .body("pushedVersion", equalTo(7)));
    }

    @Test
    void aShipmentBecomesTrackingOnTheReceiptOnceAndRefundsAreLeftToShopManager() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale sale = simulator.sell("etsy-wb", "1610000001", 3);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> received(events, sale).size() == 1);
            String lineId = json(received(events, sale).get(0))
                    .path("payload")
                    .path("lines")
                    .path(0)
                    .path("lineId")
                    .asText();

            shipped(UUID.randomUUID().toString(), sale.externalOrderId(), lineId, 6);
            await().atMost(Duration.ofSeconds(15)).until(() -> fulfilments(sale).size() == 1);
            OrderUpdate tracking = fulfilments(sale).get(0);
            assertEquals("dhl", tracking.carrier());
            assertEquals("00340434161094042557", tracking.trackingNumber());
            assertEquals(Map.of(lineId, 3), tracking.lines());

            // The same shipment reported again finds the tracking code on the receipt and adds nothing.
            String again = UUID.randomUUID().toString();
            shipped(again, sale.externalOrderId(), lineId, 6);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> TestSupport.count(
                                    "select count(*) from outbound_call where source_message_id = ? and status = 'sent'",
                                    again)
                            == 1);
            assertEquals(1, fulfilments(sale).size());

            String refund = UUID.randomUUID().toString();
            TestSupport.publish(
                    "returns",
                    "returns.refund-due",
                    refund,
                    envelope(
                            refund,
                            "returns.refund-due",
                            """
                            {"rmaId":"RMA-E1","channelId":"etsy-wb","externalOrderId":"%s",
                             "lines":[{"sku":"ETSY-WB","quantity":2}]}"""
                                    .formatted(sale.externalOrderId())));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> TestSupport.count(
                                    "select count(*) from outbound_call where source_message_id = ? and status = 'rejected'",
                                    refund)
                            == 1);
        }
    }

    @Test
    void aReceiptWhoseWebhookNeverCameIsRecoveredOnce() throws Exception {
        start();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale sale = simulator.sellWithoutWebhook("etsy-rc", "1620000001", 2);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> received(events, sale).size() == 1);
            assertEquals(
                    "ETSY-RC",
                    json(received(events, sale).get(0))
                            .path("payload")
                            .path("lines")
                            .path(0)
                            .path("sku")
                            .asText());
            int reads = simulator.orderReads("etsy-rc");
            await().atMost(Duration.ofSeconds(15)).until(() -> simulator.orderReads("etsy-rc") >= reads + 2);
            assertEquals(200, simulator.redeliver("etsy-rc", sale.deliveryId()));
            await().during(Duration.ofMillis(1000))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> received(events, sale).size() == 1);
        }
    }

    private static List<String> received(TestSupport.Capture events, Sale sale) {
        return events.matching("\"externalOrderId\":\"" + sale.externalOrderId() + "\"").stream()
                .filter(body -> body.contains("\"type\":\"channels.order-received\""))
                .toList();
    }

    private static List<OrderUpdate> fulfilments(Sale sale) {
        return simulator.orderUpdates("etsy-wb").stream()
                .filter(update -> update.kind().equals("fulfilment")
                        && update.externalOrderId().equals(sale.externalOrderId()))
                .toList();
    }

    private static void shipped(String id, String receiptId, String lineId, int units) {
        TestSupport.publish(
                "orders",
                "orders.shipped",
                id,
                envelope(
                        id,
                        "orders.shipped",
                        """
                        {"orderId":"ord-%s","channelId":"etsy-wb","externalOrderId":"%s","locationId":"wh-1",
                         "carrier":"dhl","trackingNumber":"00340434161094042557",
                         "lines":[{"lineId":"%s","sku":"ETSY-WB","quantity":%d}]}"""
                                .formatted(receiptId, receiptId, lineId, units)));
    }

    private static Response deliver(byte[] body, String id, long timestamp, String signature) {
        var request = given().contentType("application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp));
        if (signature != null) {
            request = request.header("webhook-signature", signature);
        }
        return request.body(body).post("/webhooks/etsy/etsy-in");
    }

    private static byte[] key() {
        return KEY.getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(byte[] key, String id, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    private static byte[] fixture(String name) throws Exception {
        try (InputStream in = EtsyChannelTest.class.getResourceAsStream("/fixtures/etsy/" + name)) {
            return in.readAllBytes();
        }
    }
}

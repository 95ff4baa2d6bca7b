package dev.shelfsync.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShopifyWebhookTest {

    private static final String CHANNEL = "shop-intake";
    private static final String SECRET = "whsec-test-123";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestSupport.Capture events;

    @BeforeAll
    static void capture() {
        events = new TestSupport.Capture("channels");
    }

    @AfterAll
    static void release() throws IOException {
        events.close();
    }

    private static void registerChannel() {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"shopify","name":"Intake shop","rateLimitPerSecond":2,"active":true,
                         "credentials":{"webhookSecret":"%s","apiToken":"shpat_test"}}"""
                                .formatted(SECRET))
                .put("/channels/" + CHANNEL)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().contentType("application/json")
                .body("{\"sku\":\"MUG-01\",\"packSize\":6}")
                .put("/channels/" + CHANNEL + "/listings/44012345678901")
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{\"sku\":\"TEE-BLK-M\"}")
                .put("/channels/" + CHANNEL + "/listings/TEE-BLK-M")
                .then()
                .statusCode(200);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ShopifyWebhookTest.class.getResourceAsStream("/fixtures/shopify/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] withOrderId(byte[] fixture, long orderId) throws IOException {
        ObjectNode order = (ObjectNode) MAPPER.readTree(fixture);
        order.put("id", orderId);
        return MAPPER.writeValueAsBytes(order);
    }

    private static io.restassured.response.Response deliver(byte[] body, String topic, String webhookId, String hmac) {
        var request = given().contentType("application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Shop-Domain", "intake.myshopify.com");
        if (hmac != null) {
            request = request.header("X-Shopify-Hmac-Sha256", hmac);
        }
        return request.body(body).post("/webhooks/shopify/" + CHANNEL);
    }

    @Test
    void signedOrderIsPublishedWithMappedSkusAndPackMultiplier() throws Exception {
        registerChannel();
        byte[] body = fixture("orders-create.json");

        deliver(body, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, body))
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        events.matching("\"externalOrderId\":\"5812345678901\"").size() == 1);
        JsonNode envelope = MAPPER.readTree(
                events.matching("\"externalOrderId\":\"5812345678901\"").get(0));
        assertEquals("channels.order-received", envelope.path("type").asText());
        assertEquals(CHANNEL + ":5812345678901", envelope.path("correlationId").asText());
        JsonNode payload = envelope.path("payload");
        assertEquals(CHANNEL, payload.path("channelId").asText());
        assertEquals("shopify", payload.path("channelType").asText());
        assertEquals(
                "14012345678901", payload.path("lines").path(0).path("lineId").asText());
        assertEquals("MUG-01", payload.path("lines").path(0).path("sku").asText());
        assertEquals(12, payload.path("lines").path(0).path("quantity").asInt());
        assertEquals("TEE-BLK-M", payload.path("lines").path(1).path("sku").asText());
        assertEquals(1, payload.path("lines").path(1).path("quantity").asInt());
        assertEquals("DE", payload.path("shipTo").path("countryCode").asText());
        assertEquals("10115", payload.path("shipTo").path("postalCode").asText());
        assertEquals(52.5311, payload.path("shipTo").path("latitude").asDouble());
    }

    @Test
    void wrongOrMissingSignatureIsRefusedAndNothingStored() throws Exception {
        registerChannel();
        byte[] body = withOrderId(fixture("orders-create.json"), 7001);
        long before = TestSupport.count("select count(*) from webhook_intake");

        deliver(body, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac("not-the-secret", body))
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", equalTo("https://shelfsync.dev/problems/invalid-signature"))
                .body("detail", not(containsString("Exception")));
        deliver(body, "orders/create", UUID.randomUUID().toString(), null)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("title", equalTo("Unauthorized"));
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("\"quantity\":2", "\"quantity\":20")
                .getBytes(StandardCharsets.UTF_8);
        deliver(tampered, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, body))
                .then()
                .statusCode(401);

        assertEquals(before, TestSupport.count("select count(*) from webhook_intake"));
        assertEquals(0, TestSupport.count("select count(*) from channel_order where external_order_id = '7001'"));
    }

    @Test
    void duplicateDeliveryPublishesOnce() throws Exception {
        registerChannel();
        byte[] body = withOrderId(fixture("orders-create.json"), 7002);
        String webhookId = UUID.randomUUID().toString();
        String hmac = TestSupport.hmac(SECRET, body);

        deliver(body, "orders/create", webhookId, hmac).then().statusCode(200).body("status", equalTo("accepted"));
        deliver(body, "orders/create", webhookId, hmac).then().statusCode(200).body("status", equalTo("duplicate"));
        // the same order under a new webhook id (a marketplace re-sending the event) is not a second order either
        deliver(body, "orders/create", UUID.randomUUID().toString(), hmac)
                .then()
                .statusCode(200)
                .body("status", equalTo("duplicate-order"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.matching("\"externalOrderId\":\"7002\"").size() >= 1);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> events.matching("\"externalOrderId\":\"7002\"").size() == 1);
        assertEquals(2, TestSupport.count("select count(*) from webhook_intake where external_order_id = '7002'"));
    }

    @Test
    void malformedOrOversizedBodiesAreRefusedWithProblemsAndNothingStored() throws Exception {
        registerChannel();
        long before = TestSupport.count("select count(*) from webhook_intake");
        byte[] broken = "{\"id\": 7003, \"line_items\": [".getBytes(StandardCharsets.UTF_8);
        deliver(broken, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, broken))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/malformed-json"));

        byte[] noLines = "{\"id\": 7004, \"line_items\": []}".getBytes(StandardCharsets.UTF_8);
        deliver(noLines, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, noLines))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/malformed-payload"));

        byte[] huge = ("{\"id\":7005,\"note\":\"" + "x".repeat(300_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        deliver(huge, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, huge))
                .then()
                .statusCode(413)
                .contentType("application/problem+json");

        given().contentType("application/json")
                .header("X-Shopify-Topic", "orders/create")
                .header("X-Shopify-Hmac-Sha256", TestSupport.hmac(SECRET, noLines))
                .body(noLines)
                .post("/webhooks/shopify/" + CHANNEL)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/missing-header"));

        assertEquals(before, TestSupport.count("select count(*) from webhook_intake"));
    }

    @Test
    void unknownListingIsParkedAndAnnounced() throws Exception {
        registerChannel();
        ObjectNode order = (ObjectNode) MAPPER.readTree(fixture("orders-create.json"));
        order.put("id", 7006);
        ((ObjectNode) order.path("line_items").path(0)).put("variant_id", 999999999L);
        ((ObjectNode) order.path("line_items").path(0)).put("sku", "NOT-MAPPED");
        byte[] body = MAPPER.writeValueAsBytes(order);

        deliver(body, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, body))
                .then()
                .statusCode(200)
                .body("status", equalTo("parked"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.matching("\"listingId\":\"999999999\"").isEmpty());
        List<String> unknown = events.matching("\"listingId\":\"999999999\"");
        assertEquals(
                "channels.unknown-listing-received",
                MAPPER.readTree(unknown.get(0)).path("type").asText());
        assertEquals(
                0, events.matching("\"externalOrderId\":\"7006\",\"lines\"").size());
        assertEquals(
                1,
                TestSupport.count(
                        "select count(*) from webhook_intake where external_order_id = '7006' and status = 'parked'"));
    }

    @Test
    void cancellationBeforeOrderIsRememberedAndAfterOrderIsPublished() throws Exception {
        registerChannel();
        byte[] cancel = fixture("orders-cancelled.json");
        deliver(cancel, "orders/cancelled", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, cancel))
                .then()
                .statusCode(200)
                .body("status", equalTo("cancel-remembered"));
        byte[] order = withOrderId(fixture("orders-create.json"), 5812345678999L);
        deliver(order, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, order))
                .then()
                .statusCode(200)
                .body("status", equalTo("cancelled-before-received"));

        byte[] order2 = withOrderId(fixture("orders-create.json"), 7007);
        ObjectNode cancel2 = (ObjectNode) MAPPER.readTree(cancel);
        cancel2.put("id", 7007);
        byte[] cancelBody = MAPPER.writeValueAsBytes(cancel2);
        deliver(order2, "orders/create", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, order2))
                .then()
                .body("status", equalTo("accepted"));
        deliver(cancelBody, "orders/cancelled", UUID.randomUUID().toString(), TestSupport.hmac(SECRET, cancelBody))
                .then()
                .body("status", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.matching("channels.order-cancelled").stream()
                .anyMatch(body -> body.contains("\"externalOrderId\":\"7007\"")));
        assertEquals(0, events.matching("\"externalOrderId\":\"5812345678999\"").size());
        given().get("/channels/" + CHANNEL).then().body("credentialsConfigured", hasItem("webhookSecret"));
    }
}

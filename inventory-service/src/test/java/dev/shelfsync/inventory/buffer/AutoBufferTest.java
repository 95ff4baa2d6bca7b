package dev.shelfsync.inventory.buffer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelSyncLagMeasured;
import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.LocalBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto buffers through the real broker and database: the gateway's lag measurement arrives as an event, sales on
 * the other channels raise the buffer, their end lowers it again without any other change, and an SKU's own
 * buffer replaces the policy's. The test profile shortens the velocity window to 3 s.
 */
@QuarkusTest
class AutoBufferTest {

    private LocalBroker broker;
    private String shop;
    private String amazon;

    @BeforeEach
    void connect() throws Exception {
        broker = new LocalBroker();
        shop = null;
        amazon = null;
    }

    @AfterEach
    void fixedAgain() throws Exception {
        // Auto policies make every availability read its buffer inputs; other tests count those reads.
        for (String channel : new String[] {shop, amazon}) {
            if (channel != null) {
                policy(channel, Map.of("safetyStock", 0, "bufferMode", "fixed"));
            }
        }
        broker.close();
    }

    @Test
    void otherChannelsSalesDuringTheMeasuredLagAreHeldBackAndReleasedWhenTheyStop() {
        String sku = InventoryApi.newSku();
        shop = "shop-" + sku;
        amazon = "amazon-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 100);
        policy(shop, Map.of("safetyStock", 1, "bufferMode", "auto"));
        policy(amazon, Map.of("safetyStock", 1, "bufferMode", "auto"));
        broker.publish(
                "channels",
                RoutingKeys.SYNC_LAG_MEASURED,
                new ChannelSyncLagMeasured(shop, 2_000, 40, 60, Instant.now()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> explained(sku, shop).getBoolean("terms.policy.buffer.auto.lagMeasured"));
        assertEquals(99, shown(sku, shop));
        assertEquals(99, shown(sku, amazon));

        String availability = broker.listen("inventory", RoutingKeys.AVAILABILITY_CHANGED);
        for (int i = 0; i < 6; i++) {
            given().contentType(ContentType.JSON)
                    .body(InventoryApi.order("o-" + i + "-" + sku, amazon, sku, 1))
                    .post("/reservations")
                    .then()
                    .statusCode(201);
        }

        JsonPath shopBuffer = explained(sku, shop);
        double perSecond = shopBuffer.getDouble("terms.policy.buffer.auto.otherChannelsPerSecond");
        int units = shopBuffer.getInt("terms.policy.buffer.units");
        assertEquals("auto", shopBuffer.getString("terms.policy.buffer.mode"));
        assertEquals(2_000, shopBuffer.getLong("terms.policy.buffer.auto.lagMillis"));
        assertTrue(perSecond > 0, "amazon's six sales make a velocity for shop: " + perSecond);
        assertEquals((int) Math.max(1, Math.ceil(perSecond * 2 - 1e-6)), units);
        assertTrue(units > 1, "six sales within the window size shop's buffer above its floor: " + units);
        assertEquals(94 - units, shopBuffer.getInt("available"));
        // amazon's own sales do not size amazon's buffer: its store lowered itself.
        JsonPath amazonBuffer = explained(sku, amazon);
        assertEquals(0.0, amazonBuffer.getDouble("terms.policy.buffer.auto.otherChannelsPerSecond"));
        assertEquals(1, amazonBuffer.getInt("terms.policy.buffer.units"));

        // No further sale, no stock change: the refresher republishes as the window passes, the buffer shrinks.
        List<Integer> shopNumbers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode event : broker.drainBodies(availability)) {
                if (event.at("/payload/sku").asText().equals(sku)) {
                    shopNumbers.add(event.at("/payload/channels/" + shop).asInt());
                }
            }
            assertTrue(
                    shopNumbers.stream().anyMatch(shown -> shown < 93),
                    "the sales published a buffer above the floor: " + shopNumbers);
            assertEquals(93, shopNumbers.get(shopNumbers.size() - 1), "published after the window: " + shopNumbers);
        });
        assertEquals(1, explained(sku, shop).getInt("terms.policy.buffer.units"));
    }

    @Test
    void anSkusOwnBufferReplacesThePolicysForThatSkuAlone() {
        String sku = InventoryApi.newSku();
        String other = InventoryApi.newSku();
        shop = "own-" + sku;
        InventoryApi.location("berlin", List.of());
        for (String each : List.of(sku, other)) {
            InventoryApi.sku(each);
            InventoryApi.adjust(each, "berlin", "on_hand", 20);
        }
        policy(shop, Map.of("safetyStock", 2));

        given().contentType(ContentType.JSON)
                .body(Map.of("bufferMode", "fixed", "safetyStock", 7))
                .put("/skus/{sku}/buffers/{channel}", sku, shop)
                .then()
                .statusCode(200)
                .body("bufferMode", equalTo("fixed"))
                .body("safetyStock", equalTo(7));
        assertEquals(13, shown(sku, shop));
        assertEquals(18, shown(other, shop));
        given().get("/skus/{sku}/buffers", sku).then().body("channelId", contains(shop));

        given().delete("/skus/{sku}/buffers/{channel}", sku, shop).then().statusCode(204);
        assertEquals(18, shown(sku, shop));
        given().delete("/skus/{sku}/buffers/{channel}", sku, shop)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badBuffersAreRefusedAndChangeNothing() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("bufferMode", "sometimes"), Map.of("bufferMode", "fixed", "safetyStock", -1), Map.of())) {
            given().contentType(ContentType.JSON)
                    .body(bad)
                    .put("/skus/{sku}/buffers/{channel}", sku, "web")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/skus/{sku}/buffers", sku).then().statusCode(200).body("$", empty());
        given().contentType(ContentType.JSON)
                .body(Map.of("bufferMode", "auto"))
                .put("/skus/{sku}/buffers/{channel}", InventoryApi.newSku(), "web")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        String channel = "policy-" + sku;
        policy(channel, Map.of("safetyStock", 3));
        given().contentType(ContentType.JSON)
                .body(Map.of("safetyStock", 1, "bufferMode", "maybe"))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/channel-policies/{id}", channel)
                .then()
                .body("safetyStock", equalTo(3))
                .body("bufferMode", equalTo("fixed"));
    }

    private static void policy(String channelId, Map<String, Object> body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .put("/channel-policies/{id}", channelId)
                .then()
                .statusCode(200);
    }

    private static JsonPath explained(String sku, String channel) {
        return given().queryParam("channel", channel)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** What availability gives the channel now (computed, as the next event would publish it). */
    private static int shown(String sku, String channel) {
        return given().get("/availability/{sku}", sku)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("channels.'" + channel + "'");
    }
}

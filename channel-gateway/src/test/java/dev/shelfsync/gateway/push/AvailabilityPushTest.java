package dev.shelfsync.gateway.push;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AvailabilityPushTest {

    private static MarketplaceSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of("sim-shop", "shopify", "s1", "http://127.0.0.1:1", 5),
                ChannelConfig.of("sim-woo", "woocommerce", "s2", "http://127.0.0.1:1", 5),
                ChannelConfig.of("sim-amz", "amazon", "s3", "http://127.0.0.1:1", 5),
                ChannelConfig.of("sim-flaky", "shopify", "s4", "http://127.0.0.1:1", 4)));
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    private static void channel(String id, String type) {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"%s","name":"%s","apiBaseUrl":"%s","rateLimitPerSecond":%d,
                         "credentials":{"webhookSecret":"x","apiToken":"t"}}"""
                                .formatted(type, id, simulator.apiBaseUrl(id), id.equals("sim-flaky") ? 4 : 5))
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

    static String availability(String messageId, String sku, long version, int defaultAvailable, String channels) {
        return """
                {"id":"%s","type":"inventory.availability-changed","occurredAt":"2025-03-14T10:00:00Z",
                 "correlationId":"test","version":%d,
                 "payload":{"sku":"%s","version":%d,"defaultAvailable":%d,"channels":%s}}"""
                .formatted(messageId, version, sku, version, defaultAvailable, channels);
    }

    static void publish(String messageId, String sku, long version, int available, String channels) {
        TestSupport.publish(
                "inventory",
                "inventory.availability-changed",
                messageId,
                availability(messageId, sku, version, available, channels));
    }

    @Test
    void availabilityReachesEveryMarketplaceInItsOwnShapeWithPackSizesApplied() {
        channel("sim-shop", "shopify");
        channel("sim-woo", "woocommerce");
        channel("sim-amz", "amazon");
        listing("sim-shop", "44012345678901", "PUSH-01", 6);
        listing("sim-woo", "799", "PUSH-01", 1);
        listing("sim-amz", "PUSH-01-AMZ", "PUSH-01", 1);

        publish(UUID.randomUUID().toString(), "PUSH-01", 3, 20, "{\"sim-amz\":7}");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertEquals(3, simulator.listedQuantity("sim-shop", "44012345678901"));
            assertEquals(20, simulator.listedQuantity("sim-woo", "799"));
            assertEquals(7, simulator.listedQuantity("sim-amz", "PUSH-01-AMZ"));
        });
        assertEquals(3L, simulator.pushes("sim-shop").get(0).version());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/channels/sim-woo/listings/799")
                .then()
                .body("pushedQuantity", equalTo(20))
                .body("pushedVersion", equalTo(3))
                .body("desiredQuantity", equalTo(20)));
    }

    @Test
    void olderVersionsNeverOverwriteNewerOnesAndDuplicatesChangeNothing() {
        channel("sim-woo", "woocommerce");
        listing("sim-woo", "801", "PUSH-02", 1);
        String duplicateId = UUID.randomUUID().toString();

        publish(UUID.randomUUID().toString(), "PUSH-02", 10, 8, "{}");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Objects.equals(simulator.listedQuantity("sim-woo", "801"), 8));

        publish(UUID.randomUUID().toString(), "PUSH-02", 9, 50, "{}");
        publish(duplicateId, "PUSH-02", 11, 6, "{}");
        publish(duplicateId, "PUSH-02", 12, 70, "{}");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Objects.equals(simulator.listedQuantity("sim-woo", "801"), 6));
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(5))
                .until(() -> Objects.equals(simulator.listedQuantity("sim-woo", "801"), 6));

        List<Long> versions = simulator.pushes("sim-woo").stream()
                .filter(push -> push.listingId().equals("801"))
                .map(Push::version)
                .toList();
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) >= versions.get(i - 1), "versions went backwards: " + versions);
        }
        given().get("/channels/sim-woo/listings/801").then().body("desiredVersion", equalTo(11));
    }

    @Test
    void aThrottledThenFailingMarketplaceRecoversWithinItsRateAndEndsOnTheLatestQuantity() {
        channel("sim-flaky", "shopify");
        for (int i = 0; i < 10; i++) {
            listing("sim-flaky", Integer.toString(9100 + i), "FLAKY-" + i, 1);
        }
        simulator.failFor("sim-flaky", 429, Duration.ofMillis(800));
        for (int version = 1; version <= 50; version++) {
            publish(UUID.randomUUID().toString(), "FLAKY-" + (version % 10), version, 100 - version, "{}");
            if (version == 25) {
                simulator.failFor("sim-flaky", 500, Duration.ofMillis(1500));
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                int lastVersion = 40 + (i == 0 ? 10 : i);
                assertEquals(100 - lastVersion, simulator.listedQuantity("sim-flaky", Integer.toString(9100 + i)));
            }
        });
        assertTrue(simulator.rejectedRequests("sim-flaky") > 0);
        List<java.time.Instant> accepted = simulator.acceptedRequests("sim-flaky");
        for (int i = 0; i + 4 < accepted.size(); i++) {
            assertTrue(
                    Duration.between(accepted.get(i), accepted.get(i + 4)).toMillis() >= 900,
                    "more than 4 accepted requests within a second");
        }
        for (int i = 0; i < 10; i++) {
            String listing = Integer.toString(9100 + i);
            List<Long> versions = simulator.pushes("sim-flaky").stream()
                    .filter(push -> push.listingId().equals(listing))
                    .map(Push::version)
                    .toList();
            for (int j = 1; j < versions.size(); j++) {
                assertTrue(versions.get(j) >= versions.get(j - 1), "versions went backwards: " + versions);
            }
        }
    }

    @Test
    void poisonMessageIsParked() throws Exception {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "inventory",
                "inventory.availability-changed",
                id,
                "{\"id\":\"" + id + "\",\"type\":"
                        + "\"inventory.availability-changed\",\"payload\":{\"sku\":\"X\",\"version\":\"not-a-number\"}}");
        try (var connection = TestSupport.amqp();
                var channel = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                var message = channel.basicGet("gateway.availability.parking", true);
                return message != null && new String(message.getBody()).contains(id);
            });
        }
    }
}

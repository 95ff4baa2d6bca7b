package dev.shelfsync.alerting.stock;

import static dev.shelfsync.alerting.support.AlertingApi.alerts;
import static dev.shelfsync.alerting.support.AlertingApi.openAlerts;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.shelfsync.alerting.support.AlertingApi;
import dev.shelfsync.alerting.support.Bus;
import dev.shelfsync.alerting.support.WebhookReceiver;
import dev.shelfsync.contracts.Exchanges;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.StockChanged;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Low stock with hysteresis and out of stock, driven by real stock events on the inventory exchange. */
@QuarkusTest
class LowStockFlowTest {

    private static final String SECRET = "test-secret-0123456789";
    private final AtomicLong clock =
            new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

    @Test
    void soldDownAcrossTheThresholdRaisesOnceNotifiesOnceAndRestockAboveMarginResolvesAndRearms() throws Exception {
        String sku = AlertingApi.newSku();
        String subject = "sku:" + sku;
        String ruleId = AlertingApi.createRule(
                Map.of("kind", "low-stock", "sku", sku, "threshold", 5, "rearmMargin", 3, "severity", "warning"));
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            String targetId = AlertingApi.createTarget(
                    Map.of("name", "ops hook", "kind", "webhook", "url", receiver.url(), "secret", SECRET));
            try {
                stock(sku, "berlin", 10);
                stock(sku, "berlin", 6);
                stock(sku, "berlin", 4);

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> openAlerts("low-stock", subject).size() == 1);
                String alertId =
                        (String) openAlerts("low-stock", subject).get(0).get("id");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> receiver.callsMentioning(alertId).size() == 1);
                WebhookReceiver.Call call = receiver.callsMentioning(alertId).get(0);
                assertEquals(hmac(call.timestamp() + "." + call.body()), call.signature());
                JsonPath body = new JsonPath(call.body());
                assertEquals("alert.raised", body.getString("event"));
                assertEquals("low-stock", body.getString("alert.type"));
                assertEquals(4, body.getInt("alert.details.sellable"));

                // selling further while below the threshold raises nothing new
                stock(sku, "berlin", 3);
                stock(sku, "berlin", 2);
                // recovering to threshold + margin is not enough to re-arm
                stock(sku, "berlin", 8);
                await().atMost(Duration.ofSeconds(20)).until(() -> AlertingApi.sellable(sku) == 8);
                List<Map<String, Object>> all = alerts("low-stock", subject);
                assertEquals(1, all.size());
                assertEquals("open", all.get(0).get("state"));
                assertEquals(1, all.get(0).get("occurrences"));
                assertEquals(1, deliveriesTo(alertId, targetId));
                assertEquals(1, receiver.callsMentioning(alertId).size());
                given().get("/rules/{id}", ruleId)
                        .then()
                        .statusCode(200)
                        .body("armed", org.hamcrest.Matchers.is(false));
                // a change of the rule's settings keeps its hysteresis state, so it raises nothing
                given().contentType(ContentType.JSON)
                        .body(Map.of(
                                "kind",
                                "low-stock",
                                "sku",
                                sku,
                                "threshold",
                                5,
                                "rearmMargin",
                                3,
                                "severity",
                                "critical"))
                        .put("/rules/{id}", ruleId)
                        .then()
                        .statusCode(200)
                        .body("severity", org.hamcrest.Matchers.equalTo("critical"))
                        .body("armed", org.hamcrest.Matchers.is(false));
                stock(sku, "berlin", 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> AlertingApi.sellable(sku) == 1);
                assertEquals(1, alerts("low-stock", subject).size());
                assertEquals(1, alerts("low-stock", subject).get(0).get("occurrences"));
                stock(sku, "berlin", 8);
                await().atMost(Duration.ofSeconds(20)).until(() -> AlertingApi.sellable(sku) == 8);

                // above threshold + margin: resolved and re-armed
                stock(sku, "berlin", 9);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> openAlerts("low-stock", subject).isEmpty());
                given().get("/alerts/{id}", alertId)
                        .then()
                        .body("state", org.hamcrest.Matchers.equalTo("resolved"))
                        .body("resolvedBy", org.hamcrest.Matchers.equalTo("alerting"));
                given().get("/rules/{id}", ruleId).then().body("armed", org.hamcrest.Matchers.is(true));

                // crossing down again raises a new alert
                stock(sku, "berlin", 5);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> openAlerts("low-stock", subject).size() == 1);
                assertNotEquals(alertId, openAlerts("low-stock", subject).get(0).get("id"));
                assertEquals(2, alerts("low-stock", subject).size());
            } finally {
                AlertingApi.deleteTarget(targetId);
            }
        }
    }

    @Test
    void sellingTheLastUnitRaisesOutOfStockAndARestockResolvesIt() {
        String sku = AlertingApi.newSku();
        String subject = "sku:" + sku;
        stock(sku, "berlin", 2);
        stock(sku, "hamburg", 1);
        stock(sku, "berlin", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> AlertingApi.sellable(sku) == 1);
        assertEquals(0, alerts("out-of-stock", subject).size());

        stock(sku, "hamburg", 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("out-of-stock", subject).size() == 1);
        assertEquals("critical", openAlerts("out-of-stock", subject).get(0).get("severity"));

        stock(sku, "hamburg", 3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("out-of-stock", subject).isEmpty());
        assertEquals(1, alerts("out-of-stock", subject).size());
    }

    @Test
    void aChannelRuleWatchesTheChannelsAvailableQuantityAndIgnoresOlderVersions() {
        String sku = AlertingApi.newSku();
        String subject = "sku:" + sku + "#etsy";
        AlertingApi.createRule(Map.of("kind", "low-stock", "sku", sku, "channelId", "etsy", "threshold", 2));

        availability(sku, 1, 10, Map.of("etsy", 3));
        availability(sku, 3, 10, Map.of("etsy", 1));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("low-stock", subject).size() == 1);
        // version 2 arrives late: it must not re-arm the rule or resolve the alert
        availability(sku, 2, 10, Map.of("etsy", 9));
        // a channel without its own number follows the default pool
        availability(sku, 4, 1, Map.of());
        availability(sku, 5, 9, Map.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> openAlerts("low-stock", subject).isEmpty());
        assertEquals(1, alerts("low-stock", subject).size());
    }

    private void stock(String sku, String location, int sellable) {
        StockChanged event = new StockChanged(sku, location, sellable, 0, 0, 0, 0, sellable, "correction");
        Bus.publish(
                Exchanges.INVENTORY,
                Bus.envelope(RoutingKeys.STOCK_CHANGED, Instant.ofEpochSecond(clock.incrementAndGet()), event));
    }

    private static void availability(String sku, long version, int defaultAvailable, Map<String, Integer> channels) {
        AvailabilityChanged event = new AvailabilityChanged(sku, version, defaultAvailable, channels);
        Bus.publish(Exchanges.INVENTORY, Bus.envelope(RoutingKeys.AVAILABILITY_CHANGED, Instant.now(), event));
    }

    private static long deliveriesTo(String alertId, String targetId) {
        return AlertingApi.deliveries(alertId).getList("targetId").stream()
                .filter(targetId::equals)
                .count();
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}

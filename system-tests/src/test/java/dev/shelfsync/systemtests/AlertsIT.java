package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What operations teams see: sales across a threshold raise one low-stock alert; an oversell raises an incident. */
class AlertsIT {

    private static final String CHANNEL = "alerts-shop";
    private static final String SECRET = "alerts-shop-secret";

    @Test
    void aSellDownRaisesOneLowStockAlertAndAStaleListingSaleAnOversellIncident() {
        SystemUnderTest.get();
        String inventory = SystemUnderTest.url("inventory");
        String alerting = SystemUnderTest.url("alerting");
        String sku = "LAMP-" + System.nanoTime();
        try (MarketplaceSimulator shop = MarketplaceSimulator.start(
                SimulatorConfig.of(ChannelConfig.of(CHANNEL, "shopify", SECRET, SystemUnderTest.url("gateway"), 20)))) {
            given().baseUri(SystemUnderTest.url("gateway"))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "shopify",
                            "name",
                            CHANNEL,
                            "apiBaseUrl",
                            shop.apiBaseUrl(CHANNEL),
                            "rateLimitPerSecond",
                            20,
                            "credentials",
                            Map.of("webhookSecret", SECRET, "apiToken", "t")))
                    .put("/channels/{id}", CHANNEL)
                    .then()
                    .statusCode(oneOf(200, 201));
            InventoryCalls.warehouse("munich", "Munich DC");
            InventoryCalls.sku(sku, "Lamp");
            given().baseUri(alerting)
                    .contentType(ContentType.JSON)
                    .body(Map.of("kind", "low-stock", "sku", sku, "threshold", 2, "rearmMargin", 1))
                    .post("/rules")
                    .then()
                    .statusCode(201);
            InventoryCalls.receive(sku, "munich", 4);
            given().baseUri(SystemUnderTest.url("gateway"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("sku", sku, "packSize", 1))
                    .put("/channels/{c}/listings/{l}", CHANNEL, "7001")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertEquals(4, shop.listedQuantity(CHANNEL, "7001")));

            // 4 -> 2 crosses the threshold; 2 -> 1 stays below: one alert.
            assertEquals(200, shop.sell(CHANNEL, "7001", 2).gatewayStatus());
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertEquals(2, shop.listedQuantity(CHANNEL, "7001")));
            assertEquals(200, shop.sell(CHANNEL, "7001", 1).gatewayStatus());
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().baseUri(inventory)
                    .get("/stock/{sku}", sku)
                    .then()
                    .body("[0].sellable", equalTo(1)));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().baseUri(alerting)
                    .queryParam("type", "low-stock")
                    .queryParam("subject", "sku:" + sku)
                    .get("/alerts")
                    .then()
                    .body("size()", equalTo(1))
                    .body("[0].state", equalTo("open")));

            // The shop still lists 5 because a merchant edited it by hand: a buyer takes 3 that do not exist.
            shop.setListedQuantity(CHANNEL, "7001", 5);
            var sale = shop.sell(CHANNEL, "7001", 3);
            assertEquals(200, sale.gatewayStatus());
            String orderId = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> given().baseUri(SystemUnderTest.url("routing"))
                                    .queryParam("channelId", CHANNEL)
                                    .queryParam("externalOrderId", sale.externalOrderId())
                                    .get("/orders")
                                    .then()
                                    .extract()
                                    .response(),
                            response -> response.statusCode() == 200
                                    && oneOf("backordered", "unfulfillable").matches(response.path("state")))
                    .path("orderId");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().baseUri(alerting)
                    .queryParam("type", "oversell")
                    .get("/alerts")
                    .then()
                    .body("subject", hasItem("order:" + orderId)));
            given().baseUri(inventory).get("/stock/{sku}", sku).then().body("[0].reserved", equalTo(3));
        }
    }
}

package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A return through returns-service, inventory and the gateway: received units wait on quality hold (not sellable),
 * restocked units become sellable and the channels are told, discarded units become damaged; every step is in the
 * inventory ledger under the RMA id, and repeating a step changes nothing.
 */
class ReturnsFlowIT {

    private static final String CHANNEL = "returns-woo";

    @Test
    void restockedUnitsBecomeSellableEverywhereAndDiscardedOnesDamaged() {
        SystemUnderTest.get();
        String inventory = SystemUnderTest.url("inventory");
        String sku = "KETTLE-" + System.nanoTime();
        try (MarketplaceSimulator woo = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(CHANNEL, "woocommerce", "woo-secret", SystemUnderTest.url("gateway"), 20)))) {
            given().baseUri(SystemUnderTest.url("gateway"))
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "type",
                            "woocommerce",
                            "name",
                            CHANNEL,
                            "apiBaseUrl",
                            woo.apiBaseUrl(CHANNEL),
                            "rateLimitPerSecond",
                            20,
                            "credentials",
                            Map.of("webhookSecret", "woo-secret", "apiToken", "t")))
                    .put("/channels/{id}", CHANNEL)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            InventoryCalls.warehouse("hamburg", "Hamburg DC");
            InventoryCalls.sku(sku, "Kettle");
            InventoryCalls.receive(sku, "hamburg", 2);
            given().baseUri(SystemUnderTest.url("gateway"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("sku", sku, "packSize", 1))
                    .put("/channels/{c}/listings/{l}", CHANNEL, "901")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(2, woo.listedQuantity(CHANNEL, "901")));

            RequestSpecification staff = given().baseUri(SystemUnderTest.url("returns"))
                    .auth()
                    .oauth2(SystemUnderTest.token("ana", List.of("warehouse-staff"), List.of("hamburg")))
                    .contentType(ContentType.JSON);
            String rma = staff.body(Map.of(
                            "channelId",
                            CHANNEL,
                            "externalOrderId",
                            "W-1001",
                            "locationId",
                            "hamburg",
                            "lines",
                            List.of(Map.of("sku", sku, "quantity", 3, "reasonCode", "no-longer-needed"))))
                    .post("/returns")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");

            Map<String, Object> scan =
                    Map.of("scanId", UUID.randomUUID().toString(), "code", sku, "locationId", "hamburg", "quantity", 3);
            given().spec(staff)
                    .body(scan)
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            given().spec(staff)
                    .body(scan)
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().baseUri(inventory)
                    .get("/stock/{sku}", sku)
                    .then()
                    .body("[0].onHand", equalTo(5))
                    .body("[0].qualityHold", equalTo(3))
                    .body("[0].sellable", equalTo(2)));

            List<Map<String, Object>> answers = given()
                    .baseUri(SystemUnderTest.url("returns"))
                    .auth()
                    .oauth2(SystemUnderTest.token("ana", List.of("warehouse-staff"), List.of("hamburg")))
                    .get("/checklists/general")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<List<String>>path("questions.id")
                    .stream()
                    .map(id -> Map.<String, Object>of("question", id, "answer", "yes"))
                    .toList();
            given().spec(staff)
                    .body(Map.of("sku", sku, "category", "general", "outcome", "accept", "answers", answers))
                    .post("/returns/{id}/inspections", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            Map<String, Object> restock = Map.of(
                    "dispositionId", UUID.randomUUID().toString(), "sku", sku, "quantity", 2, "disposition", "restock");
            given().spec(staff)
                    .body(restock)
                    .post("/returns/{id}/dispositions", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            given().spec(staff)
                    .body(restock)
                    .post("/returns/{id}/dispositions", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            given().spec(staff)
                    .body(Map.of(
                            "dispositionId",
                            UUID.randomUUID().toString(),
                            "sku",
                            sku,
                            "quantity",
                            1,
                            "disposition",
                            "discard"))
                    .post("/returns/{id}/dispositions", rma)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                given().baseUri(inventory)
                        .get("/stock/{sku}", sku)
                        .then()
                        .body("[0].onHand", equalTo(5))
                        .body("[0].qualityHold", equalTo(0))
                        .body("[0].damaged", equalTo(1))
                        .body("[0].sellable", equalTo(4));
                assertEquals(4, woo.listedQuantity(CHANNEL, "901"));
            });
            given().baseUri(inventory)
                    .queryParam("correlationId", rma)
                    .get("/ledger")
                    .then()
                    // Each effect once; their order is the order inventory received the events in, which a redelivery
                    // (after a reconnect, or with replicas competing for the queue) may change.
                    .body("reason", containsInAnyOrder("return-received", "return-restock", "return-discard"));
        }
    }
}

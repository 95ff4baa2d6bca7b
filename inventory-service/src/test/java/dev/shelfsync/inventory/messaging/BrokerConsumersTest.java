package dev.shelfsync.inventory.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.inventory.support.TestBroker;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishes to the real exchanges as order-routing and returns-service do, and checks what inventory does. */
@QuarkusTest
class BrokerConsumersTest {

    private TestBroker broker;

    @BeforeEach
    void connect() throws Exception {
        broker = new TestBroker();
    }

    @AfterEach
    void disconnect() throws Exception {
        broker.close();
    }

    @Test
    void aReservationRequestIsAppliedOnceAndAnsweredWithVersionedAvailability() throws Exception {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 5);
        String answers = broker.listen("inventory", RoutingKeys.RESERVATION_CONFIRMED, RoutingKeys.RESERVATION_REFUSED);
        String availability = broker.listen("inventory", RoutingKeys.AVAILABILITY_CHANGED);
        StockReservationRequested request = new StockReservationRequested(
                "o-" + sku, "shopify-main", List.of(new ReservationLine("1", sku, 2, List.of("berlin"))));

        String messageId = broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, request);
        broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, messageId, request);

        List<JsonNode> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            received.addAll(broker.drain(answers));
            assertEquals(1, received.size());
        });
        JsonNode answer = received.get(0);
        assertEquals(RoutingKeys.RESERVATION_CONFIRMED, answer.get("type").asText());
        assertEquals("berlin", answer.at("/payload/allocations/0/locationId").asText());
        given().get("/stock/{sku}", sku).then().body("[0].reserved", equalTo(2));

        List<JsonNode> availabilityEvents = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            availabilityEvents.addAll(broker.drain(availability));
            assertTrue(availabilityEvents.stream()
                    .anyMatch(e -> e.at("/payload/sku").asText().equals(sku)
                            && e.at("/payload/defaultAvailable").asInt() == 3));
        });
        JsonNode last = availabilityEvents.stream()
                .filter(e -> e.at("/payload/sku").asText().equals(sku))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertEquals(last.get("version").asLong(), last.at("/payload/version").asLong());
        // The duplicate never arrives late: one confirmation in total.
        assertEquals(0, broker.drain(answers).size());
    }

    @Test
    void aPolicyChangeRepublishesAvailabilityAtOnce() throws Exception {
        String sku = InventoryApi.newSku();
        String channel = "capped-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 9);
        String availability = broker.listen("inventory", RoutingKeys.AVAILABILITY_CHANGED);

        given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of("maxShown", 4))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(200);

        List<JsonNode> events = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            events.addAll(broker.drain(availability));
            assertTrue(events.stream()
                    .anyMatch(e -> e.at("/payload/sku").asText().equals(sku)
                            && e.at("/payload/channels/" + channel).asInt() == 4
                            && e.at("/payload/defaultAvailable").asInt() == 9));
        });
    }

    @Test
    void aPoisonMessageIsParked() throws Exception {
        long before = broker.messageCount("inventory.order-commands.parking");
        broker.publishRaw("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, "{not json");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> broker.messageCount("inventory.order-commands.parking") == before + 1);
    }

    @Test
    void returnedUnitsWaitOnHoldUntilRestockedAndTheLedgerNamesTheRma() throws Exception {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 1);
        String rma = "rma-" + sku;

        broker.publish("returns", RoutingKeys.RETURN_UNITS_RECEIVED, new ReturnUnitsReceived(rma, sku, "berlin", 3));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/stock/{sku}", sku)
                .then()
                .body("[0].onHand", equalTo(4))
                .body("[0].qualityHold", equalTo(3))
                .body("[0].sellable", equalTo(1)));

        broker.publish(
                "returns",
                RoutingKeys.RETURN_UNITS_DISPOSITIONED,
                new ReturnUnitsDispositioned(rma, sku, "berlin", 2, "restock"));
        broker.publish(
                "returns",
                RoutingKeys.RETURN_UNITS_DISPOSITIONED,
                new ReturnUnitsDispositioned(rma, sku, "berlin", 1, "discard"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/stock/{sku}", sku)
                .then()
                .body("[0].onHand", equalTo(4))
                .body("[0].qualityHold", equalTo(0))
                .body("[0].damaged", equalTo(1))
                .body("[0].sellable", equalTo(3)));
        given().queryParam("correlationId", rma)
                .get("/ledger")
                .then()
                .body("reason", contains("return-received", "return-restock", "return-discard"));
    }
}

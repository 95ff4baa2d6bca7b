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
import dev.shelfsync.platform.testing.LocalBroker;
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

    private LocalBroker broker;

    @BeforeEach
    void connect() throws Exception {
        broker = new LocalBroker();
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
            received.addAll(broker.drainBodies(answers));
            assertEquals(1, received.size());
        });
        JsonNode answer = received.get(0);
        assertEquals(RoutingKeys.RESERVATION_CONFIRMED, answer.get("type").asText());
        assertEquals("berlin", answer.at("/payload/allocations/0/locationId").asText());
        given().get("/stock/{sku}", sku).then().body("[0].reserved", equalTo(2));

        List<JsonNode> availabilityEvents = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            availabilityEvents.addAll(broker.drainBodies(availability));
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
        assertEquals(0, broker.drainBodies(answers).size());
    }

    @Test
    void aConfirmationNamesTheAvailabilityVersionsOfItsOwnTransactionAndARepeatNamesTheSame() throws Exception {
        String cup = InventoryApi.newSku();
        String saucer = InventoryApi.newSku();
        String set = InventoryApi.newSku();
        List.of(cup, saucer, set).forEach(InventoryApi::sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(cup, "berlin", "on_hand", 4);
        InventoryApi.adjust(saucer, "berlin", "on_hand", 4);
        given().contentType(io.restassured.http.ContentType.JSON)
                .body(java.util.Map.of(
                        "components",
                        List.of(
                                java.util.Map.of("sku", cup, "quantity", 1),
                                java.util.Map.of("sku", saucer, "quantity", 1))))
                .put("/bundles/{sku}", set)
                .then()
                .statusCode(200);
        String answers = broker.listen("inventory", RoutingKeys.RESERVATION_CONFIRMED);
        String availability = broker.listen("inventory", RoutingKeys.AVAILABILITY_CHANGED);
        String orderId = "o-" + cup;
        // A cup alone: the cup's own version and the version of the set that contains it move in this transaction.
        StockReservationRequested request = new StockReservationRequested(
                orderId, "shopify-main", "1001", List.of(new ReservationLine("1", cup, 1, List.of("berlin"))));

        broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, request);
        List<JsonNode> confirmations = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            confirmations.addAll(broker.drainBodies(answers));
            assertEquals(1, confirmations.size());
        });
        java.util.Map<String, Long> ownVersions = new java.util.TreeMap<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            broker.drainBodies(availability).stream()
                    .filter(event -> orderId.equals(event.get("correlationId").asText()))
                    .forEach(event -> {
                        ownVersions.put(
                                event.at("/payload/sku").asText(),
                                event.at("/payload/version").asLong());
                        // each of these versions is the first to include the sale, and says which sale it is
                        assertEquals(
                                "shopify-main",
                                event.at("/payload/sales/0/channelId").asText());
                        assertEquals(
                                "1001",
                                event.at("/payload/sales/0/externalOrderId").asText());
                        assertEquals(1, event.at("/payload/sales").size());
                    });
            assertEquals(java.util.Set.of(cup, set), ownVersions.keySet());
        });
        assertEquals(ownVersions, versions(confirmations.get(0)));
        given().get("/availability/{sku}", cup).then().body("defaultAvailable", equalTo(3));

        // A new request for the same order (a new message id) is answered from what was stored.
        broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, request);
        List<JsonNode> repeated = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            repeated.addAll(broker.drainBodies(answers));
            assertEquals(1, repeated.size());
        });
        assertEquals(ownVersions, versions(repeated.get(0)));
        given().get("/stock/{sku}", cup).then().body("[0].reserved", equalTo(1));
    }

    private static java.util.Map<String, Long> versions(JsonNode confirmation) {
        java.util.Map<String, Long> versions = new java.util.TreeMap<>();
        confirmation
                .at("/payload/availabilityVersions")
                .fields()
                .forEachRemaining(
                        entry -> versions.put(entry.getKey(), entry.getValue().asLong()));
        return versions;
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
            events.addAll(broker.drainBodies(availability));
            assertTrue(events.stream()
                    .anyMatch(e -> e.at("/payload/sku").asText().equals(sku)
                            && e.at("/payload/channels/" + channel).asInt() == 4
                            && e.at("/payload/defaultAvailable").asInt() == 9));
        });
    }

    @Test
    void aPoisonMessageIsParked() throws Exception {
        long before = broker.depth("inventory.order-commands.parking");
        broker.publishRaw("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, "{not json");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> broker.depth("inventory.order-commands.parking") == before + 1);
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

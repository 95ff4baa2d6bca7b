package dev.shelfsync.routing.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A split order ships location by location, is delivered shipment by shipment; timings are on the order. */
@QuarkusTest
class ShipmentAndDeliveryTest {

    @Test
    void aSplitOrderShipsLocationByLocationThenIsDeliveredShipmentByShipment() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String east = s.location("east", 40.71, -74.0, null);
        String a = s.sku();
        String b = s.sku();
        s.stock(a, west, 2);
        s.stock(b, east, 2);
        s.send(s.order("5001", Scenario.LOS_ANGELES, new OrderLine("L1", a, 1), new OrderLine("L2", b, 2)));
        String orderId = s.orderId("5001");
        s.reservationRequest(orderId, 1);
        s.confirm(orderId, new Allocation("L1", a, west, 1), new Allocation("L2", b, east, 2));
        s.awaitState(orderId, "routed");

        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z-W", "locationId", west))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(201)
                .body("state", equalTo("partially_shipped"))
                .body("shipments", hasSize(1))
                .body("allocations.find { it.locationId == '" + east + "' }.shipmentId", nullValue());
        JsonNode first = s.awaitPublished(RoutingKeys.ORDER_SHIPPED, orderId);
        assertEquals(west, first.path("payload").path("locationId").asText());
        assertEquals(
                "L1", first.path("payload").path("lines").get(0).path("lineId").asText());
        assertEquals(
                0, s.bus.published(RoutingKeys.STOCK_COMMIT_REQUESTED, orderId).size());
        // The same location cannot ship twice; the order cannot be delivered before anything for it shipped.
        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z-W", "locationId", west))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("nothing-to-ship"));

        JsonPath shipped = given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "FedEx", "trackingNumber", "7489", "locationId", east))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(201)
                .body("state", equalTo("shipped"))
                .body("shipments.locationId", contains(west, east))
                .extract()
                .jsonPath();
        // Inventory commits per order: the commit goes out with the last location's shipment, once.
        JsonNode commit = s.awaitPublished(RoutingKeys.STOCK_COMMIT_REQUESTED, orderId);
        assertEquals("7489", commit.path("payload").path("trackingNumber").asText());
        await().until(() -> s.bus.published(RoutingKeys.ORDER_SHIPPED, orderId).size() == 2);
        assertEquals(
                east,
                s.bus.published(RoutingKeys.ORDER_SHIPPED, orderId)
                        .get(1)
                        .path("payload")
                        .path("locationId")
                        .asText());
        assertEquals(
                1, s.bus.published(RoutingKeys.STOCK_COMMIT_REQUESTED, orderId).size());

        long westShipment = shipped.getLong("shipments[0].shipmentId");
        given().contentType(ContentType.JSON)
                .body(Map.of("shipmentId", westShipment))
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(200)
                .body("state", equalTo("shipped"))
                .body("shipments[0].deliveredAt", notNullValue())
                .body("shipments[1].deliveredAt", nullValue());
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(200)
                .body("state", equalTo("delivered"))
                .body("shipments[1].deliveredAt", notNullValue());
        // A repeated delivery report changes nothing.
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(200)
                .body("state", equalTo("delivered"));
        given().get("/orders/{id}", orderId)
                .then()
                .body(
                        "history.state",
                        contains("received", "routed", "partially_shipped", "shipped", "shipped", "delivered"));
        // A cancel after shipment is ignored.
        s.cancel("5001");
        s.awaitPublished(RoutingKeys.ORDER_SHIPPED, orderId);
        await().untilAsserted(() -> given().get("/orders/{id}", orderId)
                .then()
                .body("history", hasSize(7))
                .body("state", equalTo("delivered")));
        assertEquals(
                0, s.bus.published(RoutingKeys.STOCK_RELEASE_REQUESTED, orderId).size());
    }

    @Test
    void deliveriesForOrdersNotShippedOrUnknownShipmentsAreProblems() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.send(s.order("5002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("5002");
        s.reservationRequest(orderId, 1);
        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");

        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("order-not-shipped"))
                .body("state", equalTo("routed"));
        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z"))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("shipmentId", 999_999_999))
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("shipmentId", -1))
                .post("/orders/{id}/deliveries", orderId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("shipmentId"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/orders/{id}/deliveries", UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/orders/{id}", orderId)
                .then()
                .body("state", equalTo("shipped"))
                .body("shipments[0].deliveredAt", nullValue());
    }

    @Test
    void everyAttemptCarriesItsDecisionTimeAndTimestamps() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.send(s.order("5003", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("5003");
        s.reservationRequest(orderId, 1);
        s.refuse(orderId, "L1");
        s.reservationRequest(orderId, 2);
        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");

        JsonPath order = given().get("/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("routing", hasSize(2))
                .body("routing[0].decisionMicros", greaterThanOrEqualTo(0))
                .body("routing[1].decisionMicros", greaterThanOrEqualTo(0))
                .body("routing[0].answer.outcome", equalTo("refused"))
                .body("routing[1].answer.outcome", equalTo("confirmed"))
                .body("retryAt", nullValue())
                .extract()
                .jsonPath();
        for (int i = 0; i < 2; i++) {
            Instant received = Instant.parse(order.getString("routing[" + i + "].receivedAt"));
            Instant requested = Instant.parse(order.getString("routing[" + i + "].requestedAt"));
            Instant answered = Instant.parse(order.getString("routing[" + i + "].answeredAt"));
            assertTrue(!requested.isBefore(received) && !answered.isBefore(requested), "attempt " + i);
        }
        // A re-rank is caused by the refusal: it starts when the refusal arrived.
        assertEquals(order.getString("routing[0].answeredAt"), order.getString("routing[1].receivedAt"));
        assertTrue(order.getString("history[1].cause").contains("re-rank from fresh stock in 300 ms"));
    }

    @Test
    void withoutCoordinatesThePostalCodeCentroidDecidesTheNearestLocation() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.stock(sku, east, 5);
        s.send(s.order("5004", new ShipTo("US", "10001", null, null), new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("5004");

        assertEquals(List.of(east, west), Scenario.candidates(s.reservationRequest(orderId, 1), 0));
        given().get("/orders/{id}", orderId)
                .then()
                .body("routing[0].explanation.shipTo.source", equalTo("postal-centroid"))
                .body("routing[0].explanation.shipTo.postalPrefix", equalTo("100"))
                .body("routing[0].explanation.shipTo.label", equalTo("Manhattan"))
                .body("routing[0].explanation.locations[0].distanceKm", notNullValue());
    }
}

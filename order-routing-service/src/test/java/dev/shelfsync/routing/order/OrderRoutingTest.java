package dev.shelfsync.routing.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Orders arrive on the real channels exchange; inventory's answers are simulated on the real inventory exchange. */
@QuarkusTest
class OrderRoutingTest {

    @Test
    void anOrderShippingWestIsProposedToTheWestAndRoutedOnConfirmation() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.stock(sku, east, 5);

        s.send(s.order("1001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("1001");
        JsonNode request = s.reservationRequest(orderId, 1);

        assertEquals(List.of(west, east), Scenario.candidates(request, 0));
        assertEquals(s.channel, request.path("payload").path("channelId").asText());
        assertEquals(
                1, request.path("payload").path("lines").get(0).path("quantity").asInt());

        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");
        JsonNode routed = s.awaitPublished(RoutingKeys.ORDER_ROUTED, orderId);
        assertEquals(
                west,
                routed.path("payload")
                        .path("allocations")
                        .get(0)
                        .path("locationId")
                        .asText());
        assertEquals("1001", routed.path("payload").path("externalOrderId").asText());

        given().get("/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("history.state", contains("received", "routed"))
                .body("allocations.locationId", contains(west))
                .body("routing[0].explanation.decision", equalTo("single-location"))
                .body("routing[0].explanation.locations[0].locationId", equalTo(west))
                .body("routing[0].explanation.locations[0].distanceKm", notNullValue())
                .body("routing[0].answer.outcome", equalTo("confirmed"));
    }

    @Test
    void whenTheWestHasNoneTheEastIsProposed() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 0);
        s.stock(sku, east, 3);

        s.send(s.order("1002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 2)));
        String orderId = s.orderId("1002");

        assertEquals(List.of(east), Scenario.candidates(s.reservationRequest(orderId, 1), 0));
    }

    @Test
    void refusalsAreReRankedThenTheOrderIsBackorderedAsAnOversellIncident() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 1);

        s.send(s.order("1003", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("1003");
        s.reservationRequest(orderId, 1);
        s.refuse(orderId, "L1");
        s.reservationRequest(orderId, 2);
        s.refuse(orderId, "L1");
        s.reservationRequest(orderId, 3);
        s.refuse(orderId, "L1");

        s.awaitState(orderId, "backordered");
        JsonNode incident = s.awaitPublished(RoutingKeys.ORDER_UNFULFILLABLE, orderId);
        assertEquals("backordered", incident.path("payload").path("action").asText());
        assertEquals(
                List.of(sku),
                List.of(incident.path("payload").path("shortSkus").get(0).asText()));
        given().get("/orders/{id}", orderId)
                .then()
                .body("attempts", equalTo(3))
                .body("routing", hasSize(3))
                .body("routing[2].answer.outcome", equalTo("refused"))
                .body("allocations", hasSize(0));
    }

    @Test
    void aChannelThatCancelsUnfulfillableOrdersGetsActionCancelled() {
        Scenario s = new Scenario();
        given().contentType(ContentType.JSON)
                .body(Map.of("strategy", "nearest", "onUnfulfillable", "cancel"))
                .put("/routing-rules/{channel}", s.channel)
                .then()
                .statusCode(200)
                .body("onUnfulfillable", equalTo("cancel"));
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 0);

        s.send(s.order("1004", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("1004");
        s.reservationRequest(orderId, 1);
        s.refuse(orderId, "L1");

        // The read model shows no stock anywhere, so routing does not ask inventory again.
        s.awaitState(orderId, "unfulfillable");
        given().get("/orders/{id}", orderId).then().body("attempts", equalTo(1));
        assertEquals(
                "cancelled",
                s.awaitPublished(RoutingKeys.ORDER_UNFULFILLABLE, orderId)
                        .path("payload")
                        .path("action")
                        .asText());
    }

    @Test
    void anOrderNoSingleLocationCanShipIsSplitAcrossTheFewestLocations() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String central = s.location("central", 41.88, -87.63, null);
        String east = s.location("east", 40.71, -74.0, null);
        String a = s.sku();
        String b = s.sku();
        String c = s.sku();
        s.stock(a, west, 1);
        s.stock(b, central, 1);
        s.stock(c, central, 1);
        s.stock(a, east, 1);
        s.stock(b, east, 1);

        s.send(s.order(
                "1005",
                Scenario.LOS_ANGELES,
                new OrderLine("L1", a, 1),
                new OrderLine("L2", b, 1),
                new OrderLine("L3", c, 1)));
        String orderId = s.orderId("1005");
        JsonNode request = s.reservationRequest(orderId, 1);

        assertEquals(west, Scenario.candidates(request, 0).get(0));
        assertEquals(central, Scenario.candidates(request, 1).get(0));
        assertEquals(List.of(central), Scenario.candidates(request, 2));
        given().get("/orders/{id}", orderId)
                .then()
                .body("routing[0].explanation.decision", equalTo("split"))
                .body("routing[0].explanation.shipments", equalTo(2));
    }

    @Test
    void onceALocationsDailyCapacityIsUsedOrdersOverflowToTheNext() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, 1);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 10);
        s.stock(sku, east, 10);

        s.send(s.order("1006", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String first = s.orderId("1006");
        assertEquals(
                west, Scenario.candidates(s.reservationRequest(first, 1), 0).get(0));
        s.confirm(first, new Allocation("L1", sku, west, 1));
        s.awaitState(first, "routed");
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(1));

        s.send(s.order("1007", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String second = s.orderId("1007");
        assertEquals(List.of(east, west), Scenario.candidates(s.reservationRequest(second, 1), 0));
    }

    @Test
    void aCancelBeforeRoutingCancelsAndALateConfirmationIsReleased() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);

        s.send(s.order("2001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("2001");
        s.reservationRequest(orderId, 1);
        s.cancel("2001");
        s.awaitState(orderId, "cancelled");
        assertEquals(
                0, s.bus.published(RoutingKeys.STOCK_RELEASE_REQUESTED, orderId).size());

        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitPublished(RoutingKeys.STOCK_RELEASE_REQUESTED, orderId);
        given().get("/orders/{id}", orderId).then().body("state", equalTo("cancelled"));
    }

    @Test
    void aCancelAfterRoutingReleasesTheReservation() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);

        s.send(s.order("2002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("2002");
        s.reservationRequest(orderId, 1);
        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");
        s.cancel("2002");

        s.awaitState(orderId, "cancelled");
        JsonNode release = s.awaitPublished(RoutingKeys.STOCK_RELEASE_REQUESTED, orderId);
        assertEquals("order-cancelled", release.path("payload").path("reason").asText());
        given().get("/orders/{id}", orderId).then().body("history.state", contains("received", "routed", "cancelled"));
    }

    @Test
    void aCancelThatArrivesBeforeItsOrderWinsWhenTheOrderArrives() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);

        s.cancel("2003");
        s.send(s.order("2003", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("2003");

        s.awaitState(orderId, "cancelled");
        given().get("/orders/{id}", orderId)
                .then()
                .body("attempts", equalTo(0))
                .body("history.state", contains("received", "cancelled"));
        assertEquals(
                0,
                s.bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId)
                        .size());
    }

    @Test
    void aDuplicateDeliveryOrARepeatedOrderChangesNothing() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);

        var order = s.order("3001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1));
        String messageId = s.send(order);
        s.bus.publish("channels", RoutingKeys.ORDER_RECEIVED, messageId, order);
        s.send(order);
        String orderId = s.orderId("3001");
        s.reservationRequest(orderId, 1);
        // A later order on the same queue marks that the duplicates before it were consumed.
        s.send(s.order("3002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        s.reservationRequest(s.orderId("3002"), 1);

        String confirmation = s.bus.publish(
                "inventory",
                RoutingKeys.RESERVATION_CONFIRMED,
                new ReservationConfirmed(orderId, List.of(new Allocation("L1", sku, west, 1))));
        s.bus.publish(
                "inventory",
                RoutingKeys.RESERVATION_CONFIRMED,
                confirmation,
                new ReservationConfirmed(orderId, List.of(new Allocation("L1", sku, west, 1))));
        String marker = s.orderId("3002");
        s.confirm(marker, new Allocation("L1", sku, west, 1));
        s.awaitState(marker, "routed");
        s.awaitPublished(RoutingKeys.ORDER_ROUTED, marker);
        s.awaitState(orderId, "routed");

        assertEquals(
                1,
                s.bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId)
                        .size());
        assertEquals(1, s.bus.published(RoutingKeys.ORDER_ROUTED, orderId).size());
        given().get("/orders/{id}", orderId)
                .then()
                .body("attempts", equalTo(1))
                .body("history.state", contains("received", "routed"))
                .body("allocations", hasSize(1));
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(2));
    }

    @Test
    void aShipmentCommitsTheReservationAndPublishesTrackingForTheChannel() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.send(s.order("4001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 2)));
        String orderId = s.orderId("4001");
        s.reservationRequest(orderId, 1);
        s.confirm(orderId, new Allocation("L1", sku, west, 2));
        s.awaitState(orderId, "routed");

        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z999"))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/orders/" + orderId))
                .body("state", equalTo("shipped"))
                .body("shipments[0].trackingNumber", equalTo("1Z999"))
                .body("allocations[0].shipmentId", notNullValue());

        JsonNode shipped = s.awaitPublished(RoutingKeys.ORDER_SHIPPED, orderId);
        assertEquals("1Z999", shipped.path("payload").path("trackingNumber").asText());
        assertEquals(west, shipped.path("payload").path("locationId").asText());
        assertEquals(
                2, shipped.path("payload").path("lines").get(0).path("quantity").asInt());
        JsonNode commit = s.awaitPublished(RoutingKeys.STOCK_COMMIT_REQUESTED, orderId);
        assertEquals("UPS", commit.path("payload").path("carrier").asText());

        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z999"))
                .post("/orders/{id}/shipments", orderId)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("order-not-shippable"));
    }
}

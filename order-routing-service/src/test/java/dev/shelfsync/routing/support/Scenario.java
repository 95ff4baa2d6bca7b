package dev.shelfsync.routing.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.inventory.StockChanged;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One isolated test world: its own channel, locations that serve only that channel, and fresh SKUs, so tests
 * sharing the database and broker never see each other's orders or stock.
 */
public final class Scenario {

    public static final ShipTo LOS_ANGELES =
            new ShipTo("US", "90012", new BigDecimal("34.05"), new BigDecimal("-118.24"));

    public final String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);
    public final Bus bus = Bus.get();

    public String name(String base) {
        return base + "-" + channel;
    }

    public String sku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Routing data for a location serving only this scenario's channel. */
    public String location(String base, double latitude, double longitude, Integer dailyCapacity) {
        return location(base, latitude, longitude, dailyCapacity, null);
    }

    /** As above, with a daily limit in units too. */
    public String location(
            String base, double latitude, double longitude, Integer dailyCapacity, Integer dailyCapacityUnits) {
        String id = name(base);
        Map<String, Object> body = new HashMap<>();
        body.put("latitude", latitude);
        body.put("longitude", longitude);
        body.put("countryCode", "US");
        body.put("servesChannels", List.of(channel));
        body.put("dailyCapacityOrders", dailyCapacity);
        body.put("dailyCapacityUnits", dailyCapacityUnits);
        given().contentType(ContentType.JSON)
                .body(body)
                .put("/locations/{id}", id)
                .then()
                .statusCode(200);
        return id;
    }

    /** Inventory says how much of a SKU is sellable at a location; waits until routing's read model has it. */
    public void stock(String sku, String locationId, int sellable) {
        bus.publish(
                "inventory",
                RoutingKeys.STOCK_CHANGED,
                new StockChanged(sku, locationId, sellable, 0, 0, 0, 0, sellable, "receipt"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/locations/{id}", locationId)
                .then()
                .statusCode(200)
                .body("sellableSeen.'" + sku + "'", equalTo(sellable)));
    }

    public OrderReceived order(String externalId, ShipTo shipTo, OrderLine... lines) {
        return new OrderReceived(channel, "shopify", externalId, List.of(lines), shipTo);
    }

    public String send(OrderReceived order) {
        return bus.publish("channels", RoutingKeys.ORDER_RECEIVED, order);
    }

    public void cancel(String externalId) {
        bus.publish("channels", RoutingKeys.ORDER_CANCELLED, new OrderCancelled(channel, externalId, "customer"));
    }

    /** Waits until routing knows the order and returns its routing id. */
    public String orderId(String externalId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> given().queryParam("channelId", channel)
                                .queryParam("externalOrderId", externalId)
                                .get("/orders")
                                .then()
                                .extract()
                                .path("orderId"),
                        id -> id != null);
    }

    /** Waits for the reservation request of the given attempt (1-based) and returns it. */
    public JsonNode reservationRequest(String orderId, int attempt) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId), l -> l.size() >= attempt)
                .get(attempt - 1);
    }

    public JsonNode awaitPublished(String type, String orderId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> bus.published(type, orderId), l -> !l.isEmpty())
                .get(0);
    }

    public void confirm(String orderId, Allocation... allocations) {
        bus.publish(
                "inventory",
                RoutingKeys.RESERVATION_CONFIRMED,
                new ReservationConfirmed(orderId, List.of(allocations)));
    }

    public void refuse(String orderId, String... shortLines) {
        bus.publish(
                "inventory",
                RoutingKeys.RESERVATION_REFUSED,
                new ReservationRefused(orderId, "insufficient-stock", List.of(shortLines)));
    }

    public void awaitState(String orderId, String state) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/orders/{id}", orderId)
                .then()
                .statusCode(200)
                .body("state", equalTo(state)));
    }

    /** The first candidate of the first line of an order's latest reservation request. */
    public String plannedLocation(String orderId) {
        List<JsonNode> requests = bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId);
        return candidates(requests.get(requests.size() - 1), 0).get(0);
    }

    public static List<String> candidates(JsonNode request, int line) {
        List<String> ids = new java.util.ArrayList<>();
        request.path("payload")
                .path("lines")
                .get(line)
                .path("candidateLocationIds")
                .forEach(n -> ids.add(n.asText()));
        return ids;
    }
}

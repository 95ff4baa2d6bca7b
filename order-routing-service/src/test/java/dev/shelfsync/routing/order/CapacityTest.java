package dev.shelfsync.routing.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Daily capacity in orders and units, counted when routing asks inventory, given back when nothing ships. */
@QuarkusTest
class CapacityTest {

    @Inject
    ChannelOrders orders;

    @Test
    void capacityIsTakenAtRequestTimeSoInFlightOrdersOverflow() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, 1);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 10);
        s.stock(sku, east, 10);

        s.send(s.order("6001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String first = s.orderId("6001");
        s.reservationRequest(first, 1);
        // Not confirmed yet, but already counted.
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(1));

        s.send(s.order("6002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String second = s.orderId("6002");
        s.reservationRequest(second, 1);
        assertEquals(east, s.plannedLocation(second));

        // A cancel before routing gives the capacity back: the next order ships from the west again.
        s.cancel("6001");
        s.awaitState(first, "cancelled");
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(0));
        s.send(s.order("6003", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String third = s.orderId("6003");
        s.reservationRequest(third, 1);
        assertEquals(west, s.plannedLocation(third));
        given().get("/orders/{id}", second)
                .then()
                .body(
                        "routing[0].explanation.locations.find { it.locationId == '" + west + "' }.atCapacity",
                        equalTo(true));
    }

    @Test
    void aRefusedOrderGivesItsCapacityBackAndInventorysChoiceIsWhatCounts() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, 5);
        String east = s.location("east", 40.71, -74.0, 5);
        String sku = s.sku();
        s.stock(sku, west, 10);
        s.stock(sku, east, 10);

        s.send(s.order("6101", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 2)));
        String refused = s.orderId("6101");
        for (int attempt = 1; attempt <= 3; attempt++) {
            s.reservationRequest(refused, attempt);
            given().get("/locations/{id}", west).then().body("ordersToday", equalTo(1));
            s.refuse(refused, "L1");
        }
        s.awaitState(refused, "backordered");
        given().get("/locations/{id}", west)
                .then()
                .body("ordersToday", equalTo(0))
                .body("unitsToday", equalTo(0));

        // Planned west, but inventory reserved at the east fallback: the east counts, the west is given back.
        s.send(s.order("6102", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 3)));
        String moved = s.orderId("6102");
        s.reservationRequest(moved, 1);
        assertEquals(west, s.plannedLocation(moved));
        s.confirm(moved, new Allocation("L1", sku, east, 3));
        s.awaitState(moved, "routed");
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(0));
        given().get("/locations/{id}", east)
                .then()
                .body("ordersToday", equalTo(1))
                .body("unitsToday", equalTo(3));
    }

    @Test
    void aUnitLimitSendsOrdersThatDoNotFitToTheNextLocation() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null, 5);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 100);
        s.stock(sku, east, 100);

        s.send(s.order("6201", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 3)));
        s.reservationRequest(s.orderId("6201"), 1);
        assertEquals(west, s.plannedLocation(s.orderId("6201")));
        s.send(s.order("6202", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 3)));
        String tooBig = s.orderId("6202");
        s.reservationRequest(tooBig, 1);
        assertEquals(east, s.plannedLocation(tooBig));
        given().get("/orders/{id}", tooBig).then().body("routing[0].capacityRefused[0]", equalTo(west));
        s.send(s.order("6203", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 2)));
        s.reservationRequest(s.orderId("6203"), 1);
        assertEquals(west, s.plannedLocation(s.orderId("6203")));

        given().get("/locations/{id}", west)
                .then()
                .body("dailyCapacityUnits", equalTo(5))
                .body("unitsToday", equalTo(5))
                .body("ordersToday", equalTo(2));
    }

    @Test
    void aBurstOfOrdersOnTheBrokerNeverOvershootsADailyLimit() {
        Scenario s = new Scenario();
        int capacity = 3;
        int burst = 12;
        String west = s.location("west", 37.77, -122.42, capacity);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 1_000);
        s.stock(sku, east, 1_000);

        for (int i = 0; i < burst; i++) {
            s.send(s.order("burst-" + i, Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        }
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String orderId = s.orderId("burst-" + i);
            s.reservationRequest(orderId, 1);
            planned.add(s.plannedLocation(orderId));
        }

        assertEquals(capacity, planned.stream().filter(west::equals).count());
        assertEquals(burst - capacity, planned.stream().filter(east::equals).count());
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(capacity));
    }

    @Test
    void concurrentTransactionsNeverOvershootADailyLimit() {
        Scenario s = new Scenario();
        int capacity = 4;
        int concurrent = 16;
        String west = s.location("west", 37.77, -122.42, capacity);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 1_000);
        s.stock(sku, east, 1_000);

        List<String> planned = plannedConcurrently(s, "par-", concurrent, sku, 1);
        assertEquals(capacity, planned.stream().filter(west::equals).count());
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(capacity));
        await().untilAsserted(() ->
                given().get("/locations/{id}", east).then().body("ordersToday", equalTo(concurrent - capacity)));
    }

    @Test
    void concurrentOrdersAtALocationWithoutLimitsAreEachCountedOnceAndGivenBack() {
        Scenario s = new Scenario();
        int concurrent = 24;
        int cancelled = 5;
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 1_000);

        // Without limits the day's use is spread over several rows; every order must land in exactly one of them.
        plannedConcurrently(s, "free-", concurrent, sku, 2);
        given().get("/locations/{id}", west)
                .then()
                .body("ordersToday", equalTo(concurrent))
                .body("unitsToday", equalTo(2 * concurrent));

        for (int i = 0; i < cancelled; i++) {
            s.cancel("free-" + i);
        }
        await().untilAsserted(() -> given().get("/locations/{id}", west)
                .then()
                .body("ordersToday", equalTo(concurrent - cancelled))
                .body("unitsToday", equalTo(2 * (concurrent - cancelled))));
    }

    @Test
    void aLimitSetOnALocationCountsTheOrdersItTookBefore() {
        Scenario s = new Scenario();
        int before = 5;
        int limit = 6;
        int concurrent = 8;
        String west = s.location("west", 37.77, -122.42, null);
        String east = s.location("east", 40.71, -74.0, null);
        String sku = s.sku();
        s.stock(sku, west, 1_000);
        s.stock(sku, east, 1_000);
        for (int i = 0; i < before; i++) {
            s.send(s.order("early-" + i, Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
            String orderId = s.orderId("early-" + i);
            s.reservationRequest(orderId, 1);
            assertEquals(west, s.plannedLocation(orderId));
        }

        // At once, so the orders' snapshots can all see room for one more: the limit check under the lock decides,
        // and it must count the slots the early orders were counted in.
        s.location("west", 37.77, -122.42, limit);
        List<String> planned = plannedConcurrently(s, "late-", concurrent, sku, 1);
        assertEquals(limit - before, planned.stream().filter(west::equals).count());
        assertEquals(
                concurrent - (limit - before),
                planned.stream().filter(east::equals).count());
        given().get("/locations/{id}", west).then().body("ordersToday", equalTo(limit));
    }

    /**
     * Receives {@code count} orders for {@code units} of a SKU to Los Angeles straight into the service, all at once,
     * each in its own transaction on its own connection; returns where each was planned.
     */
    private List<String> plannedConcurrently(Scenario s, String prefix, int count, String sku, int units) {
        List<Uni<Void>> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OrderReceived order = s.order(prefix + i, Scenario.LOS_ANGELES, new OrderLine("L1", sku, units));
            all.add(orders.receive(order, UUID.randomUUID().toString(), "test"));
        }
        Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));
        List<String> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = s.orderId(prefix + i);
            s.reservationRequest(orderId, 1);
            planned.add(s.plannedLocation(orderId));
        }
        return planned;
    }
}

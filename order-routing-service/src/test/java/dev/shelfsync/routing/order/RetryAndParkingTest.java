package dev.shelfsync.routing.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Delayed re-ranking after a refusal, claimed once across pollers; poison on the inventory queues is parked. */
@QuarkusTest
class RetryAndParkingTest {

    @Inject
    ReservationAnswers orders;

    @Test
    void theBackoffDoublesPerRefusalUpToItsCap() {
        assertEquals(Duration.ofMillis(300), orders.backoff(1));
        assertEquals(Duration.ofMillis(600), orders.backoff(2));
        assertEquals(Duration.ofMillis(1200), orders.backoff(3));
        assertEquals(Duration.ofSeconds(30), orders.backoff(20));
    }

    @Test
    void aDueReRankIsTakenByExactlyOnePollerEvenWhenManyPollAtOnce() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.send(s.order("7001", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("7001");
        s.reservationRequest(orderId, 1);
        s.refuse(orderId, "L1");

        // Until the re-rank happened: eight extra pollers at once (as if eight replicas), besides the service's own.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            List<Uni<Boolean>> pollers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pollers.add(orders.retryDue());
            }
            Uni.join().all(pollers).andFailFast().await().atMost(Duration.ofSeconds(10));
            return s.bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId)
                            .size()
                    >= 2;
        });
        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");

        assertEquals(
                2,
                s.bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId)
                        .size());
        given().get("/orders/{id}", orderId)
                .then()
                .body("attempts", equalTo(2))
                .body("retryAt", nullValue())
                .body("routing[1].answer.outcome", equalTo("confirmed"));
    }

    @Test
    void aRefusalForACancelledOrderIsNotReRanked() {
        Scenario s = new Scenario();
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 5);
        s.send(s.order("7002", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("7002");
        s.reservationRequest(orderId, 1);
        // The cancel comes from the channels exchange, the refusal from inventory: no order between them.
        s.cancel("7002");
        s.awaitState(orderId, "cancelled");
        s.refuse(orderId, "L1");
        // A later order on the reservations queue marks that the refusal was consumed.
        s.send(s.order("7003", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String marker = s.orderId("7003");
        s.reservationRequest(marker, 1);
        s.confirm(marker, new Allocation("L1", sku, west, 1));
        s.awaitState(marker, "routed");

        given().get("/orders/{id}", orderId)
                .then()
                .body("state", equalTo("cancelled"))
                .body("attempts", equalTo(1))
                .body("retryAt", nullValue());
        assertEquals(
                1,
                s.bus.published(RoutingKeys.STOCK_RESERVATION_REQUESTED, orderId)
                        .size());
    }

    @Test
    void poisonOnTheStockAndReservationQueuesIsParked() {
        Scenario s = new Scenario();
        String stockPoison = "not json " + UUID.randomUUID();
        s.bus.publishRaw("inventory", RoutingKeys.STOCK_CHANGED, stockPoison.getBytes(StandardCharsets.UTF_8));
        String noOrder = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"inventory.reservation-confirmed\","
                + "\"payload\":{\"allocations\":[]}}";
        s.bus.publishRaw("inventory", RoutingKeys.RESERVATION_CONFIRMED, noOrder.getBytes(StandardCharsets.UTF_8));

        assertParked("routing.stock.parking", stockPoison);
        assertParked("routing.reservations.parking", noOrder);

        // Both queues keep flowing.
        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 2);
        s.send(s.order("7101", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        String orderId = s.orderId("7101");
        s.reservationRequest(orderId, 1);
        s.confirm(orderId, new Allocation("L1", sku, west, 1));
        s.awaitState(orderId, "routed");
    }

    private static void assertParked(String queue, String body) {
        Scenario s = new Scenario();
        List<String> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String message;
            while ((message = s.bus.take(queue)) != null) {
                parked.add(message);
            }
            return parked.contains(body);
        });
    }
}

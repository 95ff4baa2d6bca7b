package dev.shelfsync.inventory.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.platform.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reservation meters: outcomes per attempt, the wait for SKU locks, and an oversell incident once per channel sale
 * that inventory refuses (not per retry, and never for a reservation no marketplace sold).
 */
@QuarkusTest
class ReservationMetricsTest {

    private static final String RESERVATIONS = "shelfsync_inventory_reservations_total";
    private static final String OVERSOLD = "shelfsync_inventory_oversell_incidents_total";
    private static final String LOCK_WAITS = "shelfsync_inventory_reservation_lock_wait_seconds_count";

    @Test
    void aRefusedChannelSaleIsOneOversellIncidentHoweverOftenItIsRetried() throws Exception {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 1);
        String before = Scrape.metrics();
        double confirmed = Scrape.value(before, RESERVATIONS, "outcome=\"confirmed\"");
        double refused = Scrape.value(before, RESERVATIONS, "outcome=\"refused\"");
        double oversold = Scrape.value(before, OVERSOLD);
        double lockWaits = Scrape.value(before, LOCK_WAITS);

        try (LocalBroker broker = new LocalBroker()) {
            broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, sale(sku, "first"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            Scrape.value(Scrape.metrics(), RESERVATIONS, "outcome=\"confirmed\"") == confirmed + 1);
            // The last unit is gone: the next channel sale is refused, and so is routing's second attempt.
            broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, sale(sku, "second"));
            broker.publish("orders", RoutingKeys.STOCK_RESERVATION_REQUESTED, sale(sku, "second"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Scrape.value(Scrape.metrics(), RESERVATIONS, "outcome=\"refused\"") == refused + 2);
        }
        // A staff reservation through the API is no marketplace sale: refused, but nothing was oversold.
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "orderId",
                        "api-" + sku,
                        "lines",
                        List.of(Map.of(
                                "lineId", "1", "sku", sku, "quantity", 1, "candidateLocationIds", List.of("berlin")))))
                .post("/reservations")
                .then()
                .statusCode(409);

        String after = Scrape.metrics();
        assertEquals(refused + 3, Scrape.value(after, RESERVATIONS, "outcome=\"refused\""));
        assertEquals(oversold + 1, Scrape.value(after, OVERSOLD));
        assertEquals(confirmed + 1, Scrape.value(after, RESERVATIONS, "outcome=\"confirmed\""));
        assertTrue(Scrape.value(after, LOCK_WAITS) >= lockWaits + 4, after);
    }

    private static StockReservationRequested sale(String sku, String order) {
        return new StockReservationRequested(
                "o-" + sku + "-" + order,
                "shopify-main",
                sku + "-" + order,
                List.of(new ReservationLine("1", sku, 1, List.of("berlin"))));
    }
}

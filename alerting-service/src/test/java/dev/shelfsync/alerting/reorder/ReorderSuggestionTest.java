package dev.shelfsync.alerting.reorder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.shelfsync.alerting.support.AlertingApi;
import dev.shelfsync.alerting.support.Bus;
import dev.shelfsync.contracts.Exchanges;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderShipped;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reorder point from a known sales history: velocity x lead time + safety stock, quantity for days of cover. */
@QuarkusTest
class ReorderSuggestionTest {

    @Test
    void aKnownHistoryAndLeadTimeGiveTheExpectedSuggestionWhichResolvesWhenInboundArrives() {
        String sku = AlertingApi.newSku();
        AlertingApi.createRule(Map.of(
                "kind", "reorder-point",
                "sku", sku,
                "leadTimeDays", 10,
                "safetyStock", 5,
                "windowDays", 30,
                "coverDays", 14));
        Instant now = Instant.now();
        // 20 + 25 + 15 = 60 units in the last 30 days -> 2 units/day; the 100 units 45 days ago are outside
        routed(sku, "o1-" + sku, 20, now.minus(5, ChronoUnit.DAYS));
        routed(sku, "o2-" + sku, 25, now.minus(10, ChronoUnit.DAYS));
        routed(sku, "o3-" + sku, 15, now.minus(20, ChronoUnit.DAYS));
        routed(sku, "o0-" + sku, 100, now.minus(45, ChronoUnit.DAYS));
        // the shipment of an order already counted when routed does not count twice
        shipped(sku, "o1-" + sku, 20, now.minus(4, ChronoUnit.DAYS));

        // sellable 10 + inbound 5 = 15 < reorder point 2 x 10 + 5 = 25 -> order 25 + 2 x 14 - 15 = 38
        stock(sku, 10, 5, now);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("sku", sku)
                .get("/reorder-suggestions")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].suggestedQuantity", equalTo(38))
                .body("[0].reorderPoint", equalTo(25))
                .body("[0].position", equalTo(15))
                .body("[0].velocityPerDay", equalTo(2.0f)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> AlertingApi.openAlerts("reorder-suggested", "sku:" + sku)
                                .size()
                        == 1);

        // a purchase order is placed: inbound 20 brings the position to 30 >= 25
        stock(sku, 10, 20, now.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().queryParam("sku", sku)
                .get("/reorder-suggestions")
                .then()
                .body("", hasSize(0)));
    }

    private static void routed(String sku, String orderId, int quantity, Instant at) {
        OrderRouted event = new OrderRouted(
                orderId, "shopify", "ext-" + orderId, List.of(new Allocation("1", sku, "berlin", quantity)));
        Bus.publish(Exchanges.ORDERS, Bus.envelope(RoutingKeys.ORDER_ROUTED, at, event));
    }

    private static void shipped(String sku, String orderId, int quantity, Instant at) {
        OrderShipped event = new OrderShipped(
                orderId,
                "shopify",
                "ext-" + orderId,
                "berlin",
                "dhl",
                "TRACK-1",
                List.of(new OrderShipped.ShippedLine("1", sku, quantity)));
        Bus.publish(Exchanges.ORDERS, Bus.envelope(RoutingKeys.ORDER_SHIPPED, at, event));
    }

    private static void stock(String sku, int sellable, int inbound, Instant at) {
        StockChanged event = new StockChanged(sku, "berlin", sellable, 0, 0, 0, inbound, sellable, "receipt");
        Bus.publish(Exchanges.INVENTORY, Bus.envelope(RoutingKeys.STOCK_CHANGED, at, event));
    }
}

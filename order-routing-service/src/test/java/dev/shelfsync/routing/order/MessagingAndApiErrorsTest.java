package dev.shelfsync.routing.order;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessagingAndApiErrorsTest {

    @Test
    void aPoisonOrderMessageIsParkedAndTheQueueKeepsFlowing() {
        Scenario s = new Scenario();
        String marker = "not json " + UUID.randomUUID();
        s.bus.publishRaw("channels", RoutingKeys.ORDER_RECEIVED, marker.getBytes(StandardCharsets.UTF_8));
        String invalid = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"channels.order-received\",\"payload\":"
                + "{\"channelId\":\"" + s.channel + "\",\"externalOrderId\":\"bad\",\"lines\":[]}}";
        s.bus.publishRaw("channels", RoutingKeys.ORDER_RECEIVED, invalid.getBytes(StandardCharsets.UTF_8));

        List<String> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String body;
            while ((body = s.bus.take("routing.channel-orders.parking")) != null) {
                parked.add(body);
            }
            return parked.contains(marker) && parked.contains(invalid);
        });

        String west = s.location("west", 37.77, -122.42, null);
        String sku = s.sku();
        s.stock(sku, west, 1);
        s.send(s.order("ok-after-poison", Scenario.LOS_ANGELES, new OrderLine("L1", sku, 1)));
        s.reservationRequest(s.orderId("ok-after-poison"), 1);
        given().queryParam("channelId", s.channel)
                .queryParam("externalOrderId", "bad")
                .get("/orders")
                .then()
                .statusCode(404);
    }

    @Test
    void badLocationDataIsAProblemAndChangesNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("latitude", 95, "longitude", 10, "dailyCapacityOrders", -1, "countryCode", "USA"))
                .put("/locations/{id}", "bad-loc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("countryCode", "dailyCapacityOrders", "latitude"))
                .body(not(containsString("Exception")));
        given().get("/locations/{id}", "bad-loc")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("not-found"));

        given().contentType(ContentType.JSON)
                .body("{\"latitude\": ")
                .put("/locations/{id}", "bad-loc")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("malformed-json"));
    }

    @Test
    void badRulesAndOrderQueriesAreProblems() {
        given().contentType(ContentType.JSON)
                .body(Map.of("strategy", "cheapest-please", "onUnfulfillable", "shrug"))
                .put("/routing-rules/{channel}", "some-channel")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("onUnfulfillable", "strategy"));
        given().get("/routing-rules/{channel}", "never-configured")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        given().get("/orders/{id}", UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Not found"));
        given().get("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("channelId", "externalOrderId"));
    }

    @Test
    void aShipmentWithoutCarrierOrForAnUnknownOrderIsAProblem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("trackingNumber", "1Z"))
                .post("/orders/{id}/shipments", UUID.randomUUID().toString())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("carrier"));
        given().contentType(ContentType.JSON)
                .body(Map.of("carrier", "UPS", "trackingNumber", "1Z"))
                .post("/orders/{id}/shipments", UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}

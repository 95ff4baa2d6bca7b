package dev.shelfsync.alerting.alert;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.shelfsync.alerting.support.AlertingApi;
import dev.shelfsync.alerting.support.Bus;
import dev.shelfsync.contracts.Exchanges;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The alerts, rules and targets API: state transitions, digest, and problem+json for every bad request. */
@QuarkusTest
class AlertApiTest {

    @Test
    void anAlertIsAcknowledgedThenResolvedAndTheDigestShowsWhatIsOpen() {
        String order = "ord-" + UUID.randomUUID();
        Bus.publish(
                Exchanges.ORDERS,
                Bus.envelope(
                        RoutingKeys.ORDER_UNFULFILLABLE,
                        Instant.now(),
                        new OrderUnfulfillable(order, "amazon", "A-9", List.of("MUG-01"), "cancelled")));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        AlertingApi.openAlerts("oversell", "order:" + order).size() == 1);
        String id = (String)
                AlertingApi.openAlerts("oversell", "order:" + order).get(0).get("id");

        given().get("/alerts/digest")
                .then()
                .statusCode(200)
                .body("counts.critical", greaterThanOrEqualTo(1))
                .body("bySeverity.critical.id", hasItem(id));
        given().queryParam("state", "open")
                .queryParam("severity", "critical")
                .get("/alerts")
                .then()
                .statusCode(200)
                .body("id", hasItem(id));

        given().contentType(ContentType.JSON)
                .body(Map.of("actor", "maria"))
                .post("/alerts/{id}/acknowledge", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("acknowledged"))
                .body("acknowledgedBy", equalTo("maria"))
                .body("acknowledgedAt", notNullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("actor", "maria"))
                .post("/alerts/{id}/acknowledge", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("invalid-transition"));
        given().contentType(ContentType.JSON)
                .body(Map.of("actor", "maria"))
                .post("/alerts/{id}/resolve", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("resolvedBy", equalTo("maria"));
        given().contentType(ContentType.JSON)
                .body(Map.of("actor", "maria"))
                .post("/alerts/{id}/resolve", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().get("/alerts/digest").then().body("bySeverity.critical.id", not(hasItem(id)));
    }

    @Test
    void rulesCanBeCreatedReadChangedAndDeleted() {
        String sku = AlertingApi.newSku();
        String id =
                AlertingApi.createRule(Map.of("kind", "low-stock", "sku", sku, "locationId", "berlin", "threshold", 3));
        given().get("/rules/{id}", id)
                .then()
                .statusCode(200)
                .body("severity", equalTo("warning"))
                .body("armed", equalTo(true))
                .body("locationId", equalTo("berlin"));
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "low-stock", "sku", sku, "locationId", "berlin", "threshold", 7, "rearmMargin", 2))
                .put("/rules/{id}", id)
                .then()
                .statusCode(200)
                .body("threshold", equalTo(7))
                .body("rearmMargin", equalTo(2));
        given().queryParam("sku", sku).get("/rules").then().statusCode(200).body("id", contains(id));
        given().delete("/rules/{id}", id).then().statusCode(204);
        given().get("/rules/{id}", id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void badInputIsAProblemWithTheFieldsAtFault() {
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "sometimes", "sku", "", "threshold", -1))
                .post("/rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("kind", "sku", "threshold"));
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "low-stock", "sku", "MUG-01"))
                .post("/rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("threshold"));
        given().contentType(ContentType.JSON)
                .body(Map.of("kind", "low-stock", "sku", "MUG-01", "threshold", 1, "locationId", "a", "channelId", "b"))
                .post("/rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"kind\": ")
                .post("/rules")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("malformed-json"))
                .body("detail", not(containsString("Exception")));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "hook", "kind", "webhook", "url", "ftp://example.com", "secret", "short"))
                .post("/notification-targets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("secret", "url"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "hook", "kind", "webhook", "url", "http://127.0.0.1:9/x"))
                .post("/notification-targets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("secret"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "mail", "kind", "email", "email", "not-an-address"))
                .post("/notification-targets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("email"));
        given().queryParam("state", "sleeping")
                .get("/alerts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("state"));
        given().contentType(ContentType.JSON)
                .body(Map.of("actor", ""))
                .post("/alerts/{id}/acknowledge", UUID.randomUUID())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("actor"));
        given().get("/alerts/{id}", UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/alerts/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }
}

package dev.shelfsync.alerting.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sets up rules and targets and reads alerts through the public API. */
public final class AlertingApi {

    private AlertingApi() {}

    public static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createRule(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON)
                .body(rule)
                .post("/rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String createTarget(Map<String, Object> target) {
        return given().contentType(ContentType.JSON)
                .body(target)
                .post("/notification-targets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static void deleteTarget(String id) {
        given().delete("/notification-targets/{id}", id).then().statusCode(204);
    }

    /** Every alert, in any state, of a type about a subject. */
    public static List<Map<String, Object>> alerts(String type, String subject) {
        return given().queryParam("type", type)
                .queryParam("subject", subject)
                .get("/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
    }

    public static List<Map<String, Object>> openAlerts(String type, String subject) {
        return alerts(type, subject).stream()
                .filter(alert -> !"resolved".equals(alert.get("state")))
                .toList();
    }

    public static JsonPath deliveries(String alertId) {
        return given().get("/alerts/{id}/deliveries", alertId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static long sellable(String sku) {
        return given().get("/stock-positions/{sku}", sku)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("sellable");
    }
}

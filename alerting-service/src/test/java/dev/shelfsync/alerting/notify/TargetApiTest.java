package dev.shelfsync.alerting.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.shelfsync.alerting.support.AlertingApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Notification targets through the API: defaults, a write-only secret kept across changes, refusals, deletion. */
@QuarkusTest
class TargetApiTest {

    @Test
    void aTargetKeepsItsSecretWhenAChangeLeavesItOut() {
        String id = AlertingApi.createTarget(Map.of(
                "name", "ops hook", "kind", "webhook", "url", "http://127.0.0.1:9/hook", "secret", "0123456789abcdef"));
        given().get("/notification-targets/{id}", id)
                .then()
                .statusCode(200)
                .body("format", equalTo("json"))
                .body("minSeverity", equalTo("info"))
                .body("enabled", equalTo(true))
                .body("secretSet", equalTo(true))
                .body("pendingDeliveries", equalTo(0))
                .body("$", not(hasKey("secret")));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "ops slack",
                        "kind",
                        "webhook",
                        "url",
                        "http://127.0.0.1:9/slack",
                        "format",
                        "slack",
                        "minSeverity",
                        "critical",
                        "enabled",
                        false))
                .put("/notification-targets/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("ops slack"))
                .body("format", equalTo("slack"))
                .body("minSeverity", equalTo("critical"))
                .body("enabled", equalTo(false))
                .body("secretSet", equalTo(true));

        given().contentType(ContentType.JSON)
                .body(Map.of("name", "mail", "kind", "email"))
                .put("/notification-targets/{id}", id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("email"));
        given().get("/notification-targets/{id}", id).then().body("kind", equalTo("webhook"));

        AlertingApi.deleteTarget(id);
        given().get("/notification-targets/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/notification-targets/{id}", id).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "mail", "kind", "email", "email", "ops@example.com"))
                .put("/notification-targets/{id}", UUID.randomUUID().toString())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}

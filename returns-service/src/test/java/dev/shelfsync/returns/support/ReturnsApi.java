package dev.shelfsync.returns.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Drives the returns desk through its REST API, the way a handheld would. */
public final class ReturnsApi {

    private ReturnsApi() {}

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static Map<String, Object> line(String sku, int quantity, String reason) {
        return Map.of("sku", sku, "quantity", quantity, "reasonCode", reason);
    }

    /** Opens a return as staff and answers its id. */
    public static String open(String token, String location, List<Map<String, Object>> lines) {
        return as(token)
                .body(Map.of(
                        "channelId", "shop", "externalOrderId", newId("order"), "locationId", location, "lines", lines))
                .post("/returns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static Map<String, Object> scan(String scanId, String code, String location, int quantity) {
        return Map.of("scanId", scanId, "code", code, "locationId", location, "quantity", quantity);
    }

    /** A complete answer sheet for the general checklist. */
    public static Map<String, Object> inspection(String sku, String outcome) {
        return Map.of(
                "sku",
                sku,
                "category",
                "general",
                "outcome",
                outcome,
                "answers",
                List.of(
                        Map.of("question", "packaging-intact", "answer", "yes"),
                        Map.of("question", "item-complete", "answer", "yes"),
                        Map.of("question", "signs-of-use", "answer", "no", "note", "looks new")),
                "photos",
                List.of("photo://front.jpg"));
    }

    public static Map<String, Object> disposition(String id, String sku, int quantity, String disposition) {
        return Map.of("dispositionId", id, "sku", sku, "quantity", quantity, "disposition", disposition);
    }
}

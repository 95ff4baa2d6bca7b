package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** The inventory calls several system tests make to set a scene: a warehouse, an SKU, units received there. */
final class InventoryCalls {

    private InventoryCalls() {}

    static void warehouse(String id, String name) {
        location(id, Map.of("name", name, "kind", "warehouse"));
    }

    /** A warehouse with coordinates, for tests whose routing ranks locations by distance. */
    static void warehouse(String id, String name, double latitude, double longitude) {
        location(id, Map.of("name", name, "kind", "warehouse", "latitude", latitude, "longitude", longitude));
    }

    static void sku(String sku, String name) {
        given().baseUri(SystemUnderTest.url("inventory"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .put("/skus/{sku}", sku)
                .then()
                .statusCode(200);
    }

    /** Units arriving on hand at a location (a receipt adjustment). */
    static void receive(String sku, String locationId, int units) {
        given().baseUri(SystemUnderTest.url("inventory"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "sku", sku, "locationId", locationId, "state", "on_hand", "delta", units, "reason", "receipt"))
                .post("/stock/adjustments")
                .then()
                .statusCode(200);
    }

    private static void location(String id, Map<String, Object> body) {
        given().baseUri(SystemUnderTest.url("inventory"))
                .contentType(ContentType.JSON)
                .body(body)
                .put("/locations/{id}", id)
                .then()
                .statusCode(200);
    }
}

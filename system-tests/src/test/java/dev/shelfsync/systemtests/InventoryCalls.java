package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/**
 * The inventory calls several system tests make to set a scene: a warehouse, an SKU, units received or adjusted
 * there, a channel policy.
 */
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
        adjust(sku, locationId, "on_hand", units, "receipt");
    }

    static void adjust(String sku, String locationId, String state, int delta, String reason) {
        given().baseUri(SystemUnderTest.url("inventory"))
                .contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", locationId, "state", state, "delta", delta, "reason", reason))
                .post("/stock/adjustments")
                .then()
                .statusCode(200);
    }

    /** A channel's availability policy: share, safety stock, cap, backorder, ring-fence. */
    static void policy(String channelId, Map<String, Object> policy) {
        given().baseUri(SystemUnderTest.url("inventory"))
                .contentType(ContentType.JSON)
                .body(policy)
                .put("/channel-policies/{id}", channelId)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
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

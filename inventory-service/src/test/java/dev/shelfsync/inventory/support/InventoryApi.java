package dev.shelfsync.inventory.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sets up master data and stock through the public API, the way an operator or a script would. */
public final class InventoryApi {

    private InventoryApi() {}

    /** A fresh SKU id, so tests sharing one database never see each other's stock. */
    public static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void sku(String sku) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Test item " + sku))
                .put("/skus/{sku}", sku)
                .then()
                .statusCode(200);
    }

    public static void location(String id, List<String> servesChannels) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Location " + id, "kind", "warehouse", "servesChannels", servesChannels))
                .put("/locations/{id}", id)
                .then()
                .statusCode(200);
    }

    public static void adjust(String sku, String locationId, String state, int delta) {
        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", locationId, "state", state, "delta", delta, "reason", "receipt"))
                .post("/stock/adjustments")
                .then()
                .statusCode(200);
    }

    /** @param units null: the channel's default fence */
    public static void fence(String sku, String channelId, Integer units) {
        Map<String, Object> body = new HashMap<>();
        body.put("ringFenced", units);
        given().contentType(ContentType.JSON)
                .body(body)
                .put("/skus/{sku}/channels/{channel}/fence", sku, channelId)
                .then()
                .statusCode(200);
    }

    /** The channel's default fence, the one its fences without units of their own take. */
    public static void defaultFence(String channelId, int units) {
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", units))
                .put("/channel-policies/{id}", channelId)
                .then()
                .statusCode(200);
    }

    /** A one-line order of the channel, from location berlin. */
    public static Map<String, Object> order(String orderId, String channelId, String sku, int quantity) {
        return Map.of(
                "orderId",
                orderId,
                "channelId",
                channelId,
                "lines",
                List.of(Map.of(
                        "lineId", "1", "sku", sku, "quantity", quantity, "candidateLocationIds", List.of("berlin"))));
    }
}

package dev.shelfsync.inventory.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.inventory.support.InventoryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Channel policies against the documented availability. Each test uses channel ids of its own, so policies set
 * by one test do not leak into another's numbers through ring-fences (fences apply across SKUs).
 */
@QuarkusTest
class ChannelPolicyTest {

    @Test
    void policyArithmeticIsShareThenBufferThenCapThenBackorder() {
        assertEquals(7, new ChannelPolicy("c", 3, null, 100, 0, 0).available(10, 0));
        assertEquals(4, new ChannelPolicy("c", 1, null, 50, 0, 0).available(10, 0));
        assertEquals(5, new ChannelPolicy("c", 0, 5, 100, 0, 0).available(10, 0));
        assertEquals(2, new ChannelPolicy("c", 5, null, 100, 2, 0).available(3, 0));
        assertEquals(6, new ChannelPolicy("c", 0, null, 100, 0, 0).available(10, 4));
        assertEquals(0, new ChannelPolicy("c", 1, null, 100, 0, 0).available(3, 4));
    }

    @Test
    void locationsServingOnlySomeChannelsCountOnlyForThem() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("everyone-" + sku, List.of());
        InventoryApi.location("wholesale-only-" + sku, List.of("wholesale-" + sku));
        InventoryApi.adjust(sku, "everyone-" + sku, "on_hand", 4);
        InventoryApi.adjust(sku, "wholesale-only-" + sku, "on_hand", 10);

        given().get("/availability/{sku}", sku)
                .then()
                .body("defaultAvailable", equalTo(4))
                .body("channels.wholesale-" + sku, equalTo(14));
    }

    @Test
    void aRingFencedChannelKeepsItsUnitsWhenOthersSellOut() {
        String sku = InventoryApi.newSku();
        String fenced = "fenced-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", 3))
                .put("/channel-policies/{id}", fenced)
                .then()
                .statusCode(200)
                .body("ringFenced", equalTo(3));
        try {
            // Other channels see 7 and cannot reserve the 8th unit.
            given().get("/availability/{sku}", sku).then().body("channels." + fenced, equalTo(10));
            given().contentType(ContentType.JSON)
                    .body(order("a-" + sku, "shop-" + sku, sku, 7))
                    .post("/reservations")
                    .then()
                    .statusCode(201);
            given().contentType(ContentType.JSON)
                    .body(order("b-" + sku, "shop-" + sku, sku, 1))
                    .post("/reservations")
                    .then()
                    .statusCode(409);
            given().get("/availability/{sku}", sku)
                    .then()
                    .body("defaultAvailable", equalTo(0))
                    .body("channels." + fenced, equalTo(3));
            // The fenced channel still sells its three.
            given().contentType(ContentType.JSON)
                    .body(order("c-" + sku, fenced, sku, 3))
                    .post("/reservations")
                    .then()
                    .statusCode(201);
        } finally {
            given().contentType(ContentType.JSON)
                    .body(Map.of("ringFenced", 0))
                    .put("/channel-policies/{id}", fenced)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void channelsWhoseFencesCoverAllStockEachSellTheirOwnFence() {
        String sku = InventoryApi.newSku();
        String amazon = "amazon-" + sku;
        String shop = "shop-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        fence(amazon, 5);
        fence(shop, 5);
        try {
            // What is left of each fence travels with availability: the gateway needs it to tell which sales in
            // flight lower which channel.
            given().get("/availability/{sku}", sku)
                    .then()
                    .body("fences." + amazon, equalTo(5))
                    .body("fences." + shop, equalTo(5));
            for (int i = 0; i < 5; i++) {
                given().contentType(ContentType.JSON)
                        .body(order("a" + i + "-" + sku, amazon, sku, 1))
                        .post("/reservations")
                        .then()
                        .statusCode(201);
            }
            // Amazon's fence is used up; the rest belongs to the shop.
            given().contentType(ContentType.JSON)
                    .body(order("a5-" + sku, amazon, sku, 1))
                    .post("/reservations")
                    .then()
                    .statusCode(409);
            given().get("/availability/{sku}", sku)
                    .then()
                    .body("channels." + amazon, equalTo(0))
                    .body("channels." + shop, equalTo(5))
                    .body("fences." + amazon, equalTo(0))
                    .body("fences." + shop, equalTo(5));
            given().contentType(ContentType.JSON)
                    .body(order("s-" + sku, shop, sku, 5))
                    .post("/reservations")
                    .then()
                    .statusCode(201);
            given().get("/stock/{sku}", sku).then().body("[0].sellable", equalTo(0));
        } finally {
            fence(amazon, 0);
            fence(shop, 0);
        }
    }

    private static void fence(String channelId, int units) {
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", units))
                .put("/channel-policies/{id}", channelId)
                .then()
                .statusCode(200);
    }

    @Test
    void invalidPoliciesAreProblems() {
        given().contentType(ContentType.JSON)
                .body(Map.of("sharePercent", 101, "safetyStock", -1))
                .put("/channel-policies/{id}", "web")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.size()", equalTo(2));
    }

    @Test
    void aFenceNoSkuCouldFillAndANegativeBufferAreRefusedAndChangeNothing() {
        String sku = InventoryApi.newSku();
        String channel = "refused-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 4);
        given().contentType(ContentType.JSON)
                .body(Map.of("safetyStock", 1))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(200);
        long version = given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");

        given().contentType(ContentType.JSON)
                .body(Map.of("safetyStock", 0, "ringFenced", 999_999))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/fence-exceeds-sellable"))
                .body("ringFenced", equalTo(999_999));
        given().contentType(ContentType.JSON)
                .body(Map.of("safetyStock", -3))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.containsString("safetyStock"));

        given().get("/channel-policies/{id}", channel)
                .then()
                .body("safetyStock", equalTo(1))
                .body("ringFenced", equalTo(0));
        // nothing was republished either
        given().get("/availability/{sku}", sku).then().body("version", equalTo((int) version));
    }

    static Map<String, Object> order(String orderId, String channelId, String sku, int quantity) {
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

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

/** Channel policies against the documented availability; ring-fences are {@code policy/FenceTest}'s. */
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
    void aDefaultFenceAnSkuTakingItCouldNotHoldAndANegativeBufferAreRefusedAndChangeNothing() {
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
        // The channel sells the SKU and takes its default fence there (0 so far).
        InventoryApi.fence(sku, channel, null);
        long version = given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");

        given().contentType(ContentType.JSON)
                .body(Map.of("safetyStock", 0, "ringFenced", 5))
                .put("/channel-policies/{id}", channel)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/fence-exceeds-sellable"))
                .body("sku", equalTo(sku))
                .body("ringFenced", equalTo(5))
                .body("largestSellable", equalTo(4));
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

    @Test
    void aDefaultFenceNoSkuTakesIsAcceptedAndWithholdsNothing() {
        String sku = InventoryApi.newSku();
        String channel = "unlisted-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 4);
        try {
            given().contentType(ContentType.JSON)
                    .body(Map.of("ringFenced", 999_999))
                    .put("/channel-policies/{id}", channel)
                    .then()
                    .statusCode(200)
                    .body("ringFenced", equalTo(999_999));
            given().get("/availability/{sku}", sku)
                    .then()
                    .body("defaultAvailable", equalTo(4))
                    .body("fences.size()", equalTo(0));
        } finally {
            InventoryApi.defaultFence(channel, 0);
        }
    }
}

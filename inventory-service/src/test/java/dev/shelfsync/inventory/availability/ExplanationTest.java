package dev.shelfsync.inventory.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.SignedIn;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The explanation of a channel's availability shows every term it is made of, and its result is the number the
 * published availability gives the channel, at the version that availability carries.
 */
@QuarkusTest
class ExplanationTest {

    @Test
    void everyTermOfAChannelsNumberIsShownAndTheyMakeUpThePublishedAvailability() {
        String sku = InventoryApi.newSku();
        String channel = "web-" + sku;
        String fenced = "fenced-" + sku;
        String everyone = "exa-" + sku;
        String webOnly = "exb-" + sku;
        String elsewhere = "exw-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location(everyone, List.of());
        InventoryApi.location(webOnly, List.of(channel));
        InventoryApi.location(elsewhere, List.of("wholesale-" + sku));
        InventoryApi.adjust(sku, everyone, "on_hand", 20);
        InventoryApi.adjust(sku, everyone, "damaged", 1);
        InventoryApi.adjust(sku, everyone, "quality_hold", 2);
        InventoryApi.adjust(sku, everyone, "inbound", 7);
        InventoryApi.adjust(sku, webOnly, "on_hand", 4);
        InventoryApi.adjust(sku, elsewhere, "on_hand", 5);
        policy(channel, Map.of("safetyStock", 2, "sharePercent", 50, "maxShown", 6, "backorderLimit", 1));
        InventoryApi.fence(sku, fenced, 3);
        given().contentType(ContentType.JSON)
                .body(order("o-" + sku, fenced, sku, everyone, 1))
                .post("/reservations")
                .then()
                .statusCode(201);

        JsonPath published =
                given().get("/availability/{sku}", sku).then().extract().jsonPath();
        JsonPath explained = given().queryParam("channel", channel)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .statusCode(200)
                .body("sku", equalTo(sku))
                .body("channelId", equalTo(channel))
                .body("terms.locations.locationId", contains(everyone, webOnly))
                .body("terms.locations[0].onHand", equalTo(20))
                .body("terms.locations[0].reserved", equalTo(1))
                .body("terms.locations[0].damaged", equalTo(1))
                .body("terms.locations[0].qualityHold", equalTo(2))
                .body("terms.locations[0].inbound", equalTo(7))
                .body("terms.locations[0].sellable", equalTo(16))
                .body("terms.locations[1].sellable", equalTo(4))
                .body("terms.otherLocations", contains(elsewhere))
                .body("terms.sellable", equalTo(20))
                .body("terms.otherFences.channelId", contains(fenced))
                .body("terms.otherFences[0].ringFenced", equalTo(3))
                .body("terms.otherFences[0].channelDefault", equalTo(false))
                .body("terms.otherFences[0].reservedByChannel", equalTo(1))
                .body("terms.otherFences[0].remaining", equalTo(2))
                .body("terms.fencedForOthers", equalTo(2))
                .body("terms.ownFence", nullValue())
                .body("terms.policy.unfenced", equalTo(18))
                .body("terms.policy.sharePercent", equalTo(50))
                .body("terms.policy.shared", equalTo(9))
                .body("terms.policy.buffer.mode", equalTo("fixed"))
                .body("terms.policy.buffer.units", equalTo(2))
                .body("terms.policy.buffered", equalTo(7))
                .body("terms.policy.maxShown", equalTo(6))
                .body("terms.policy.shown", equalTo(6))
                .body("terms.policy.backorderLimit", equalTo(1))
                .body("terms.policy.available", equalTo(7))
                .extract()
                .jsonPath();
        assertEquals(published.getInt("channels.'" + channel + "'"), explained.getInt("available"));
        assertEquals(7, explained.getInt("available"));
        assertEquals(published.getLong("version"), explained.getLong("availabilityVersion"));

        // The fenced channel's own view: its fence, filled by its reservation, and no other fence.
        given().queryParam("channel", fenced)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .body("terms.ownFence.remaining", equalTo(2))
                .body("terms.otherFences.size()", equalTo(0))
                .body("available", equalTo(published.getInt("channels.'" + fenced + "'")));

        // A channel without a policy that no location names sees the default pool.
        given().queryParam("channel", "plain-" + sku)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .body("terms.locations.locationId", contains(everyone))
                .body("available", equalTo(published.getInt("defaultAvailable")));

        // A change moves explanation and version together.
        InventoryApi.adjust(sku, webOnly, "on_hand", -4);
        long after = given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");
        given().queryParam("channel", channel)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .body("availabilityVersion", equalTo((int) after))
                .body("terms.sellable", equalTo(16))
                .body("available", equalTo(6));
    }

    @Test
    void aBundleIsExplainedByItsComponents() {
        // components are listed in SKU order
        String set = InventoryApi.newSku();
        String mug = set + "-A-MUG";
        String saucer = set + "-B-SAUCER";
        List.of(mug, saucer, set).forEach(InventoryApi::sku);
        String location = "exbundle-" + set;
        InventoryApi.location(location, List.of());
        InventoryApi.adjust(mug, location, "on_hand", 9);
        InventoryApi.adjust(saucer, location, "on_hand", 5);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "components", List.of(Map.of("sku", mug, "quantity", 2), Map.of("sku", saucer, "quantity", 1))))
                .put("/bundles/{sku}", set)
                .then()
                .statusCode(200);

        given().queryParam("channel", "web-" + set)
                .get("/skus/{sku}/explanation", set)
                .then()
                .statusCode(200)
                .body("available", equalTo(4))
                .body("terms", nullValue())
                .body("components.sku", contains(mug, saucer))
                .body("components.unitsPerBundle", contains(2, 1))
                .body("components.terms.policy.available", contains(9, 5));
    }

    @Test
    void anUnknownSkuIsANotFoundProblemAndAChannelMustBeNamed() {
        given().queryParam("channel", "web")
                .get("/skus/{sku}/explanation", InventoryApi.newSku())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        given().get("/skus/{sku}/explanation", sku).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void onlyMerchantOpsAndAdminsReadExplanations() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        given().header("Authorization", "Bearer " + Tokens.merchantOps())
                .queryParam("channel", "web")
                .get("/skus/{sku}/explanation", sku)
                .then()
                .statusCode(200);
        for (String token : List.of(Tokens.staff("wes", "berlin"), Tokens.service())) {
            given().header("Authorization", "Bearer " + token)
                    .queryParam("channel", "web")
                    .get("/skus/{sku}/explanation", sku)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        SignedIn.nobody();
        given().queryParam("channel", "web")
                .get("/skus/{sku}/explanation", sku)
                .then()
                .statusCode(401);
    }

    private static void policy(String channelId, Map<String, Object> body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .put("/channel-policies/{id}", channelId)
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> order(String orderId, String channelId, String sku, String location, int units) {
        return Map.of(
                "orderId",
                orderId,
                "channelId",
                channelId,
                "lines",
                List.of(Map.of(
                        "lineId", "1", "sku", sku, "quantity", units, "candidateLocationIds", List.of(location))));
    }
}

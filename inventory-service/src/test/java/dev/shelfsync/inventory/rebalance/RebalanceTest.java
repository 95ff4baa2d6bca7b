package dev.shelfsync.inventory.rebalance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Moving units between fences: the giver's fence is lowered first, the units in transit are shown to nobody and
 * only the giver may still reserve them, and the receiver's fence is raised only when the giver's store
 * acknowledged the lower number.
 */
@QuarkusTest
class RebalanceTest {

    private LocalBroker broker;

    @BeforeEach
    void connect() {
        broker = new LocalBroker();
    }

    @AfterEach
    void disconnect() throws Exception {
        broker.close();
    }

    @Test
    void theReceiverIsRaisedOnlyAfterTheGiversStoreAcknowledgedTheLowerNumber() {
        String sku = InventoryApi.newSku();
        String amazon = "amazon-" + sku;
        String shop = "shop-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.fence(sku, amazon, 4);
        InventoryApi.fence(sku, shop, 6);

        long lowered = given().contentType(ContentType.JSON)
                .body(Map.of("fromChannelId", shop, "toChannelId", amazon, "units", 3, "reason", "amazon sells faster"))
                .post("/skus/{sku}/rebalances", sku)
                .then()
                .statusCode(201)
                .body("state", equalTo("lowering"))
                .body("units", equalTo(3))
                .body("actor", equalTo("root"))
                .extract()
                .jsonPath()
                .getLong("loweredVersion");

        // The shop is shown 3, Amazon still 4: the 3 in transit are shown to nobody.
        given().get("/availability/{sku}", sku)
                .then()
                .body("version", equalTo((int) lowered))
                .body("channels." + shop, equalTo(3))
                .body("channels." + amazon, equalTo(4))
                .body("defaultAvailable", equalTo(0));
        given().queryParam("channel", shop)
                .get("/skus/{sku}/explanation", sku)
                .then()
                .body("terms.ownFence.ringFenced", equalTo(3))
                .body("terms.ownFence.inTransit", equalTo(3))
                .body("terms.ownInTransit", equalTo(3));
        // Until its store shows the lower number the shop may still sell what it showed; Amazon only its own 4.
        reserve("s1-" + sku, shop, sku, 4, 201);
        reserve("a1-" + sku, amazon, sku, 5, 409);
        reserve("a2-" + sku, amazon, sku, 4, 201);

        // An acknowledgement of an older version changes nothing.
        broker.publish(
                "channels",
                RoutingKeys.AVAILABILITY_ACKNOWLEDGED,
                new AvailabilityAcknowledged(shop, sku, lowered - 1));
        broker.publish(
                "channels", RoutingKeys.AVAILABILITY_ACKNOWLEDGED, new AvailabilityAcknowledged(shop, sku, lowered));

        // The shop sold one of the three in transit before its store was lowered: two reach Amazon.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/skus/{sku}/rebalances", sku)
                .then()
                .body("state", contains("completed"))
                .body("moved", contains(2)));
        given().get("/skus/{sku}/channels", sku)
                .then()
                .body("channelId", contains(amazon, shop))
                .body("effective", contains(6, 3));
        given().get("/availability/{sku}", sku)
                .then()
                .body("channels." + amazon, equalTo(2))
                .body("channels." + shop, equalTo(0))
                .body("fences." + amazon, equalTo(2));
        reserve("a3-" + sku, amazon, sku, 2, 201);
        given().get("/stock/{sku}", sku).then().body("sellable", contains(0));
    }

    @Test
    void aMoveToAnUnknownChannelOrBeyondWhatTheGiverHoldsIsAProblemAndChangesNothing() {
        String sku = InventoryApi.newSku();
        String giver = "giver-" + sku;
        String receiver = "receiver-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.fence(sku, giver, 5);
        InventoryApi.fence(sku, receiver, 1);
        reserve("g1-" + sku, giver, sku, 2, 201);
        long version = given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");

        move(sku, giver, "nobody-" + sku, 1).then().statusCode(404).contentType("application/problem+json");
        move(sku, giver, receiver, 4)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/rebalance-exceeds-fence"))
                .body("holds", equalTo(3));
        move(sku, giver, giver, 1).then().statusCode(409).contentType("application/problem+json");
        move(sku, giver, receiver, 0)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.containsString("units"));
        move(InventoryApi.newSku(), giver, receiver, 1).then().statusCode(404);

        given().get("/skus/{sku}/rebalances", sku).then().body("size()", equalTo(0));
        given().get("/skus/{sku}/channels", sku).then().body("effective", contains(5, 1));
        given().get("/availability/{sku}", sku).then().body("version", equalTo((int) version));

        // One move out of a fence at a time.
        move(sku, giver, receiver, 1).then().statusCode(201);
        move(sku, giver, receiver, 1)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://shelfsync.dev/problems/rebalance-in-progress"));
    }

    @Test
    void onlyAdminsAndMerchantOpsMoveUnitsBetweenFences() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 4);
        InventoryApi.fence(sku, "a-" + sku, 2);
        InventoryApi.fence(sku, "b-" + sku, 2);
        for (String token : List.of(Tokens.staff("wes", "berlin"), Tokens.service())) {
            given().header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("fromChannelId", "a-" + sku, "toChannelId", "b-" + sku, "units", 1, "reason", "x"))
                    .post("/skus/{sku}/rebalances", sku)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", "Bearer " + Tokens.merchantOps())
                .get("/skus/{sku}/rebalances", sku)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    private static io.restassured.response.Response move(String sku, String from, String to, int units) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("fromChannelId", from, "toChannelId", to, "units", units, "reason", "test"))
                .post("/skus/{sku}/rebalances", sku);
    }

    private static void reserve(String orderId, String channelId, String sku, int units, int status) {
        given().contentType(ContentType.JSON)
                .body(InventoryApi.order(orderId, channelId, sku, units))
                .post("/reservations")
                .then()
                .statusCode(status);
    }
}

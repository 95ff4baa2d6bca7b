package dev.shelfsync.inventory.stock;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.shelfsync.inventory.support.InventoryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StockResourceTest {

    @Test
    void adjustmentsMoveStatesAndSellableExcludesDamageAndHold() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.adjust(sku, "berlin", "damaged", 2);
        InventoryApi.adjust(sku, "berlin", "quality_hold", 3);
        InventoryApi.adjust(sku, "berlin", "inbound", 40);

        given().get("/stock/{sku}", sku)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].onHand", equalTo(10))
                .body("[0].damaged", equalTo(2))
                .body("[0].qualityHold", equalTo(3))
                .body("[0].inbound", equalTo(40))
                .body("[0].sellable", equalTo(5));
        given().get("/availability/{sku}", sku)
                .then()
                .statusCode(200)
                .body("defaultAvailable", equalTo(5))
                .body("version", equalTo(4));
    }

    @Test
    void anAdjustmentThatWouldOversellIsRefusedAndLeavesNoLedgerEntry() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 2);

        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", "berlin", "state", "damaged", "delta", 3, "reason", "damage"))
                .post("/stock/adjustments")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("type", containsString("invariant"));
        given().queryParam("sku", sku).get("/ledger").then().statusCode(200).body("reason", contains("receipt"));
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());

        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", "berlin", "state", "reserved", "delta", 5, "reason", "nope"))
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("reason", "state"));
        given().contentType(ContentType.JSON)
                .body("{\"sku\": ")
                .post("/stock/adjustments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", not(containsString("Exception")));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "sku",
                        "NO-SUCH-SKU",
                        "locationId",
                        "berlin",
                        "state",
                        "on_hand",
                        "delta",
                        1,
                        "reason",
                        "found"))
                .post("/stock/adjustments")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x".repeat(201)))
                .put("/skus/{sku}", InventoryApi.newSku())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"));
        given().queryParam("sku", sku).get("/ledger").then().statusCode(200).body("", hasSize(0));
    }
}

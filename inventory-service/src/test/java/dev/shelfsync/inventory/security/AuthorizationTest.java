package dev.shelfsync.inventory.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.AuthMatrix;
import dev.shelfsync.platform.testing.AuthMatrix.Call;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may change stock: no token or a hostile one is 401, the wrong role 403, staff only at their locations. */
@QuarkusTest
class AuthorizationTest {

    private String sku;
    private String unknownSku;

    @BeforeEach
    void stock() {
        sku = InventoryApi.newSku();
        unknownSku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("auth-berlin", List.of("shop"));
        InventoryApi.location("auth-hamburg", List.of("shop"));
        InventoryApi.adjust(sku, "auth-berlin", "on_hand", 10);
        InventoryApi.adjust(sku, "auth-hamburg", "on_hand", 10);
    }

    @Test
    void withoutAValidTokenNothingIsReadOrChanged() {
        AuthMatrix.refusesUnauthenticated(List.of(
                Call.put("/skus/" + unknownSku, Map.of("name", "Sneaked in")),
                Call.post("/stock/adjustments", adjustment("auth-berlin", -10)),
                Call.post(
                        "/stock/counts",
                        Map.of("sku", sku, "locationId", "auth-berlin", "countedOnHand", 0, "countId", "auth-count")),
                Call.post("/stock/write-offs", Map.of("sku", sku, "locationId", "auth-berlin", "quantity", 10)),
                Call.put("/channel-policies/shop", Map.of("bufferUnits", 10)),
                Call.get("/stock/" + sku),
                Call.get("/ledger?sku=" + sku)));

        given().get("/skus/{sku}", unknownSku).then().statusCode(404);
        assertOnHand("auth-berlin", 10);
    }

    @Test
    void aRoleThatDoesNotCoverTheOperationIs403AndChangesNothing() {
        AuthMatrix.refuses(
                Tokens.staff("wes", "auth-berlin"),
                List.of(
                        Call.put("/skus/" + unknownSku, Map.of("name", "Staff may not add SKUs")),
                        Call.put("/channel-policies/shop", Map.of("bufferUnits", 10)),
                        Call.post("/reservations", Map.of())));
        AuthMatrix.refuses(Tokens.service(), List.of(Call.post("/stock/adjustments", adjustment("auth-berlin", -10))));

        given().get("/skus/{sku}", unknownSku).then().statusCode(404);
        assertOnHand("auth-berlin", 10);
    }

    @Test
    void warehouseStaffChangeStockOnlyAtTheirOwnLocations() {
        String wes = Tokens.staff("wes", "auth-berlin");
        given().header("Authorization", "Bearer " + wes)
                .contentType("application/json")
                .body(adjustment("auth-hamburg", -3))
                .post("/stock/adjustments")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/not-your-location"));
        given().header("Authorization", "Bearer " + wes)
                .get("/stock?locationId=auth-hamburg")
                .then()
                .statusCode(403);
        assertOnHand("auth-hamburg", 10);

        given().header("Authorization", "Bearer " + wes)
                .contentType("application/json")
                .body(adjustment("auth-berlin", -3))
                .post("/stock/adjustments")
                .then()
                .statusCode(200)
                .body("onHand", equalTo(7));
    }

    @Test
    void staffReceiveATransferOnlyAtTheReceivingLocationAndTheLedgerNamesThem() {
        String transferId = "auth-t-" + sku;
        given().contentType("application/json")
                .body(Map.of(
                        "transferId",
                        transferId,
                        "sku",
                        sku,
                        "fromLocationId",
                        "auth-berlin",
                        "toLocationId",
                        "auth-hamburg",
                        "quantity",
                        4))
                .post("/transfers")
                .then()
                .statusCode(201);

        given().header("Authorization", "Bearer " + Tokens.staff("wes", "auth-berlin"))
                .post("/transfers/{id}/receive", transferId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/not-your-location"));
        given().get("/transfers/{id}", transferId).then().body("status", equalTo("in-transit"));
        assertOnHand("auth-hamburg", 10);

        given().header("Authorization", "Bearer " + Tokens.staff("hana", "auth-hamburg"))
                .post("/transfers/{id}/receive", transferId)
                .then()
                .statusCode(200)
                .body("status", equalTo("received"));
        assertOnHand("auth-hamburg", 14);
        given().queryParam("correlationId", transferId)
                .queryParam("locationId", "auth-hamburg")
                .get("/ledger")
                .then()
                .body("actor", org.hamcrest.Matchers.contains("hana"));
    }

    @Test
    void staffReadTheLedgerOfTheirOwnLocationsOnly() {
        given().header("Authorization", "Bearer " + Tokens.staff("wes", "auth-berlin"))
                .queryParam("sku", sku)
                .get("/ledger")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("locationId", org.hamcrest.Matchers.everyItem(equalTo("auth-berlin")));
        given().queryParam("sku", sku).get("/ledger").then().body("size()", equalTo(2));
    }

    private Map<String, Object> adjustment(String location, int delta) {
        return Map.of("sku", sku, "locationId", location, "state", "on_hand", "delta", delta, "reason", "lost");
    }

    private void assertOnHand(String location, int expected) {
        given().get("/stock/{sku}", sku)
                .then()
                .statusCode(200)
                .body("find { it.locationId == '" + location + "' }.onHand", equalTo(expected));
    }
}

package dev.shelfsync.inventory.purchasing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.shelfsync.inventory.support.InventoryApi;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Receipts against purchase orders, transfers, counts and write-offs, each once however often it is sent. */
@QuarkusTest
class StockOperationsTest {

    @Test
    void inboundBecomesSellableOnlyWhenReceivedAndOnlyOnce() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        String po = "po-" + sku;
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "purchaseOrderId",
                        po,
                        "supplier",
                        "Acme",
                        "expectedAt",
                        "2026-12-01",
                        "lines",
                        List.of(Map.of("sku", sku, "locationId", "berlin", "quantity", 10))))
                .post("/purchase-orders")
                .then()
                .statusCode(201);
        given().get("/stock/{sku}", sku).then().body("[0].inbound", equalTo(10)).body("[0].sellable", equalTo(0));

        Map<String, Object> receipt = Map.of(
                "receiptId", "r-" + sku, "lines", List.of(Map.of("sku", sku, "locationId", "berlin", "quantity", 6)));
        given().contentType(ContentType.JSON)
                .body(receipt)
                .post("/purchase-orders/{id}/receipts", po)
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(receipt)
                .post("/purchase-orders/{id}/receipts", po)
                .then()
                .statusCode(200);
        given().get("/stock/{sku}", sku)
                .then()
                .body("[0].inbound", equalTo(4))
                .body("[0].onHand", equalTo(6))
                .body("[0].sellable", equalTo(6));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "receiptId",
                        "r2-" + sku,
                        "lines",
                        List.of(Map.of("sku", sku, "locationId", "berlin", "quantity", 5))))
                .post("/purchase-orders/{id}/receipts", po)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void aTransferIsSellableNowhereInTransitAndArrivesOnce() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.location("hamburg", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 5);
        Map<String, Object> transfer = Map.of(
                "transferId",
                "t-" + sku,
                "sku",
                sku,
                "fromLocationId",
                "berlin",
                "toLocationId",
                "hamburg",
                "quantity",
                3);

        given().contentType(ContentType.JSON)
                .body(transfer)
                .post("/transfers")
                .then()
                .statusCode(201)
                .body("status", equalTo("in-transit"));
        given().contentType(ContentType.JSON)
                .body(transfer)
                .post("/transfers")
                .then()
                .statusCode(201);
        given().get("/availability/{sku}", sku).then().body("defaultAvailable", equalTo(2));
        given().post("/transfers/{id}/receive", "t-" + sku)
                .then()
                .statusCode(200)
                .body("status", equalTo("received"));
        given().post("/transfers/{id}/receive", "t-" + sku).then().statusCode(200);
        given().get("/stock/{sku}", sku).then().body("onHand", contains(2, 3));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "transferId",
                        "t2-" + sku,
                        "sku",
                        sku,
                        "fromLocationId",
                        "berlin",
                        "toLocationId",
                        "hamburg",
                        "quantity",
                        9))
                .post("/transfers")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().get("/transfers/{id}", "t2-" + sku).then().statusCode(404);
    }

    @Test
    void aCountRecordsTheDifferenceAndAWriteOffRemovesDamagedUnits() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.adjust(sku, "berlin", "damaged", 2);

        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", "berlin", "countedOnHand", 8, "countId", "count-1"))
                .post("/stock/counts")
                .then()
                .statusCode(200)
                .body("onHand", equalTo(8));
        given().contentType(ContentType.JSON)
                .body(Map.of("sku", sku, "locationId", "berlin", "quantity", 2))
                .post("/stock/write-offs")
                .then()
                .statusCode(200)
                .body("onHand", equalTo(6))
                .body("damaged", equalTo(0));
        given().queryParam("correlationId", "count-1")
                .get("/ledger")
                .then()
                .body("delta.onHand", contains(-2))
                .body("after.onHand", contains(8));
    }
}

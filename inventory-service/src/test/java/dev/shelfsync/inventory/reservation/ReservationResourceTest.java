package dev.shelfsync.inventory.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.inventory.support.InventoryApi;
import dev.shelfsync.platform.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReservationResourceTest {

    @TestHTTPResource("/reservations")
    URI reservations;

    @Test
    void twoHundredConcurrentReservationsOfTenUnitsConfirmExactlyTen() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.location("hamburg", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 6);
        InventoryApi.adjust(sku, "hamburg", "on_hand", 4);

        HttpClient client = HttpClient.newHttpClient();
        String token = Tokens.admin();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body =
                    """
                    {"orderId": "%s-%d", "channelId": "shopify-main",
                     "lines": [{"lineId": "1", "sku": "%s", "quantity": 1, "candidateLocationIds": ["berlin", "hamburg"]}]}
                    """
                            .formatted(sku, i, sku);
            responses.add(client.sendAsync(
                    HttpRequest.newBuilder(reservations)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long confirmed = responses.stream()
                .map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 201)
                .count();
        long refused = responses.stream()
                .map(CompletableFuture::join)
                .filter(response -> response.statusCode() == 409)
                .count();

        assertEquals(10, confirmed);
        assertEquals(190, refused);
        given().get("/stock/{sku}", sku).then().body("reserved", contains(6, 4)).body("sellable", contains(0, 0));
    }

    @Test
    void aMultiLineOrderReservesEveryLineOrNone() {
        String mug = InventoryApi.newSku();
        String cup = InventoryApi.newSku();
        InventoryApi.sku(mug);
        InventoryApi.sku(cup);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(mug, "berlin", "on_hand", 5);
        InventoryApi.adjust(cup, "berlin", "on_hand", 1);

        given().contentType(ContentType.JSON)
                .body(order("o-" + mug, line("1", mug, 2), line("2", cup, 3)))
                .post("/reservations")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("shortLines", contains("2"));
        given().get("/stock/{sku}", mug).then().body("[0].reserved", equalTo(0));
        given().queryParam("correlationId", "o-" + mug).get("/ledger").then().body("size()", equalTo(0));
    }

    @Test
    void aRepeatedReservationAnswersTheSameAndReservesOnce() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 5);
        Map<String, Object> order = order("o-" + sku, line("1", sku, 2));

        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON)
                    .body(order)
                    .post("/reservations")
                    .then()
                    .statusCode(201)
                    .body("confirmed", equalTo(true))
                    .body("allocations[0].locationId", equalTo("berlin"))
                    .body("allocations[0].quantity", equalTo(2));
        }
        given().get("/stock/{sku}", sku).then().body("[0].reserved", equalTo(2));
    }

    @Test
    void releaseGivesUnitsBackAndCommitShipsThemOnce() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 5);
        given().contentType(ContentType.JSON)
                .body(order("a-" + sku, line("1", sku, 2)))
                .post("/reservations");
        given().contentType(ContentType.JSON)
                .body(order("b-" + sku, line("1", sku, 1)))
                .post("/reservations");

        given().post("/reservations/{id}/release", "a-" + sku)
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        given().post("/reservations/{id}/release", "a-" + sku)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        given().post("/reservations/{id}/commit", "b-" + sku)
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
        given().post("/reservations/{id}/commit", "b-" + sku)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));

        given().get("/stock/{sku}", sku)
                .then()
                .body("[0].onHand", equalTo(4))
                .body("[0].reserved", equalTo(0))
                .body("[0].sellable", equalTo(4));
        given().queryParam("sku", sku)
                .get("/ledger")
                .then()
                .body("reason", contains("receipt", "reservation", "reservation", "release", "shipment"));
    }

    @Test
    void invalidReservationsAreProblems() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "orderId",
                        "x",
                        "lines",
                        List.of(Map.of("lineId", "1", "sku", "A", "quantity", 0, "candidateLocationIds", List.of()))))
                .post("/reservations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("lines[0].candidateLocationIds", "lines[0].quantity"));
        given().get("/reservations/{id}", "never-seen").then().statusCode(404).contentType("application/problem+json");
    }

    static Map<String, Object> line(String lineId, String sku, int quantity) {
        return Map.of("lineId", lineId, "sku", sku, "quantity", quantity, "candidateLocationIds", List.of("berlin"));
    }

    @SafeVarargs
    static Map<String, Object> order(String orderId, Map<String, Object>... lines) {
        return Map.of("orderId", orderId, "channelId", "shopify-main", "lines", List.of(lines));
    }
}

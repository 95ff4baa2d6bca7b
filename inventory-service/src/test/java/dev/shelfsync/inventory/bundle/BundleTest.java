package dev.shelfsync.inventory.bundle;

import static io.restassured.RestAssured.given;
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
class BundleTest {

    @TestHTTPResource("/reservations")
    URI reservations;

    @Test
    void aBundleShowsItsScarcestComponentAndReservesComponents() {
        String mug = InventoryApi.newSku();
        String spoon = InventoryApi.newSku();
        String gift = InventoryApi.newSku();
        List.of(mug, spoon, gift).forEach(InventoryApi::sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(mug, "berlin", "on_hand", 10);
        InventoryApi.adjust(spoon, "berlin", "on_hand", 7);
        defineBundle(gift, mug, spoon);

        given().get("/availability/{sku}", gift).then().body("defaultAvailable", equalTo(3));
        given().contentType(ContentType.JSON)
                .body(Map.of("orderId", "o-" + gift, "lines", List.of(line(gift, 2))))
                .post("/reservations")
                .then()
                .statusCode(201)
                .body("allocations.size()", equalTo(2));
        given().get("/stock/{sku}", spoon).then().body("[0].reserved", equalTo(4));
        given().get("/availability/{sku}", gift).then().body("defaultAvailable", equalTo(1));
    }

    @Test
    void aBundleAndItsComponentSoldAtOnceNeverOverReserveTheComponent() {
        String mug = InventoryApi.newSku();
        String saucer = InventoryApi.newSku();
        String set = InventoryApi.newSku();
        List.of(mug, saucer, set).forEach(InventoryApi::sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(mug, "berlin", "on_hand", 10);
        InventoryApi.adjust(saucer, "berlin", "on_hand", 100);
        defineBundle(set, mug, saucer);

        HttpClient client = HttpClient.newHttpClient();
        String token = Tokens.admin();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String sku = i % 2 == 0 ? set : mug;
            String body = "{\"orderId\": \"%s-%d\", \"lines\": [{\"lineId\": \"1\", \"sku\": \"%s\", \"quantity\": 1,"
                            .formatted(set, i, sku)
                    + " \"candidateLocationIds\": [\"berlin\"]}]}";
            answers.add(client.sendAsync(
                    HttpRequest.newBuilder(reservations)
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long confirmed = answers.stream()
                .map(CompletableFuture::join)
                .filter(answer -> answer.statusCode() == 201)
                .count();

        // Each order, bundle or single, takes one mug: ten mugs make exactly ten confirmations.
        assertEquals(10, confirmed);
        given().get("/stock/{sku}", mug)
                .then()
                .body("[0].reserved", equalTo(10))
                .body("[0].sellable", equalTo(0));
    }

    private static void defineBundle(String bundle, String first, String second) {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "components",
                        List.of(Map.of("sku", first, "quantity", 1), Map.of("sku", second, "quantity", 2))))
                .put("/bundles/{sku}", bundle)
                .then()
                .statusCode(200);
    }

    private static Map<String, Object> line(String sku, int quantity) {
        return Map.of("lineId", "1", "sku", sku, "quantity", quantity, "candidateLocationIds", List.of("berlin"));
    }
}

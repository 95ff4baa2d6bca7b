package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The reservation invariant holds across replicas: it lives in the database, not in a process. */
class InventoryReplicasIT {

    @Test
    void twoHundredReservationsOverTwoInstancesConfirmExactlyTheTenSellableUnits() {
        var system = SystemUnderTest.get();
        String first = SystemUnderTest.url("inventory");
        String second = system.startReplica("inventory", 18091);
        String sku = "REPLICA-" + System.nanoTime();
        given().baseUri(first)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Replica test"))
                .put("/skus/{sku}", sku)
                .then()
                .statusCode(200);
        given().baseUri(first)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Replica DC", "kind", "warehouse"))
                .put("/locations/{id}", "replica-dc")
                .then()
                .statusCode(200);
        given().baseUri(first)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "sku", sku, "locationId", "replica-dc", "state", "on_hand", "delta", 10, "reason", "receipt"))
                .post("/stock/adjustments")
                .then()
                .statusCode(200);

        HttpClient client = HttpClient.newHttpClient();
        String token = SystemUnderTest.token("replica-test", List.of("service"), List.of());
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String instance = i % 2 == 0 ? first : second;
            String body = ("{\"orderId\": \"%s-%d\", \"lines\": [{\"lineId\": \"1\", \"sku\": \"%s\", \"quantity\": 1,"
                            + " \"candidateLocationIds\": [\"replica-dc\"]}]}")
                    .formatted(sku, i, sku);
            answers.add(client.sendAsync(
                    HttpRequest.newBuilder(URI.create(instance + "/reservations"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> done =
                answers.stream().map(CompletableFuture::join).toList();

        assertEquals(
                10, done.stream().filter(answer -> answer.statusCode() == 201).count());
        assertEquals(
                190, done.stream().filter(answer -> answer.statusCode() == 409).count());
        given().baseUri(second)
                .get("/stock/{sku}", sku)
                .then()
                .body("[0].reserved", equalTo(10))
                .body("[0].sellable", equalTo(0));
    }
}

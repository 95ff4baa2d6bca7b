package dev.shelfsync.inventory.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Ring-fences belong to an SKU on a channel: they keep units of that SKU, and of no other, for that channel. */
@QuarkusTest
class FenceTest {

    @TestHTTPResource("/reservations")
    URI reservations;

    @Test
    void aFenceOnOneSkuWithholdsNothingOfAnother() {
        String fencedSku = InventoryApi.newSku();
        String otherSku = InventoryApi.newSku();
        String fenced = "fenced-" + fencedSku;
        InventoryApi.sku(fencedSku);
        InventoryApi.sku(otherSku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(fencedSku, "berlin", "on_hand", 10);
        InventoryApi.adjust(otherSku, "berlin", "on_hand", 4);

        InventoryApi.fence(fencedSku, fenced, 3);

        given().get("/availability/{sku}", fencedSku)
                .then()
                .body("defaultAvailable", equalTo(7))
                .body("channels." + fenced, equalTo(10))
                .body("fences." + fenced, equalTo(3));
        // The unrelated SKU: every channel sees all 4, and the fenced channel gets no number of its own there.
        given().get("/availability/{sku}", otherSku)
                .then()
                .body("defaultAvailable", equalTo(4))
                .body("fences.size()", equalTo(0))
                .body("channels." + fenced, nullValue());
        given().queryParam("channel", "shop-" + otherSku)
                .get("/skus/{sku}/explanation", otherSku)
                .then()
                .body("terms.otherFences.size()", equalTo(0))
                .body("available", equalTo(4));
        given().contentType(ContentType.JSON)
                .body(InventoryApi.order("o-" + otherSku, "shop-" + otherSku, otherSku, 4))
                .post("/reservations")
                .then()
                .statusCode(201);
        given().get("/skus/{sku}/channels", fencedSku)
                .then()
                .body("channelId", contains(fenced))
                .body("[0].ringFenced", equalTo(3))
                .body("[0].effective", equalTo(3))
                .body("[0].channelDefault", equalTo(false));
        given().get("/skus/{sku}/channels", otherSku).then().body("size()", equalTo(0));
    }

    @Test
    void theChannelDefaultFillsOnlyTheSkusTheChannelHasAFenceOn() {
        String listed = InventoryApi.newSku();
        String ownUnits = InventoryApi.newSku();
        String unlisted = InventoryApi.newSku();
        String channel = "default-" + listed;
        InventoryApi.location("berlin", List.of());
        for (String sku : List.of(listed, ownUnits, unlisted)) {
            InventoryApi.sku(sku);
            InventoryApi.adjust(sku, "berlin", "on_hand", 8);
        }
        InventoryApi.fence(listed, channel, null);
        InventoryApi.fence(ownUnits, channel, 1);
        InventoryApi.defaultFence(channel, 5);
        try {
            given().get("/availability/{sku}", listed).then().body("defaultAvailable", equalTo(3));
            given().get("/availability/{sku}", ownUnits).then().body("defaultAvailable", equalTo(7));
            given().get("/availability/{sku}", unlisted).then().body("defaultAvailable", equalTo(8));
            given().queryParam("channel", "shop-" + listed)
                    .get("/skus/{sku}/explanation", listed)
                    .then()
                    .body("terms.otherFences.channelId", contains(channel))
                    .body("terms.otherFences[0].ringFenced", equalTo(5))
                    .body("terms.otherFences[0].channelDefault", equalTo(true))
                    .body("terms.fencedForOthers", equalTo(5));
            given().queryParam("channel", channel)
                    .get("/skus/{sku}/explanation", listed)
                    .then()
                    .body("terms.ownFence.ringFenced", equalTo(5))
                    .body("available", equalTo(8));
        } finally {
            InventoryApi.defaultFence(channel, 0);
        }
        given().get("/availability/{sku}", listed).then().body("defaultAvailable", equalTo(8));
    }

    @Test
    void aFenceLargerThanSellableANegativeOneOrOnAnUnknownSkuIsAProblemAndChangesNothing() {
        String sku = InventoryApi.newSku();
        String fenced = "fenced-" + sku;
        String other = "other-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.fence(sku, other, 6);
        long version = version(sku);

        // 10 sellable, 6 of them fenced for the other channel: at most 4 fit.
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", 5))
                .put("/skus/{sku}/channels/{channel}/fence", sku, fenced)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/fence-exceeds-sellable"))
                .body("largestSellable", equalTo(4));
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", -1))
                .put("/skus/{sku}/channels/{channel}/fence", sku, fenced)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.containsString("ringFenced"));
        given().contentType(ContentType.JSON)
                .body(Map.of("ringFenced", 1))
                .put("/skus/{sku}/channels/{channel}/fence", InventoryApi.newSku(), fenced)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().delete("/skus/{sku}/channels/{channel}/fence", sku, fenced)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        given().get("/skus/{sku}/channels", sku).then().body("channelId", contains(other));
        assertEquals(version, version(sku));

        InventoryApi.fence(sku, fenced, 4);
        given().delete("/skus/{sku}/channels/{channel}/fence", sku, other)
                .then()
                .statusCode(204);
        given().get("/availability/{sku}", sku).then().body("defaultAvailable", equalTo(6));
    }

    @Test
    void onlyAdminsAndMerchantOpsSetFences() {
        String sku = InventoryApi.newSku();
        InventoryApi.sku(sku);
        for (String token : List.of(Tokens.staff("wes", "berlin"), Tokens.service())) {
            given().header("Authorization", "Bearer " + token)
                    .contentType(ContentType.JSON)
                    .body(Map.of("ringFenced", 0))
                    .put("/skus/{sku}/channels/{channel}/fence", sku, "web")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().get("/skus/{sku}/channels", sku).then().body("size()", equalTo(0));
    }

    /**
     * Two channels whose fences cover all ten units, a third without a fence, and a second SKU the fenced channels
     * do not sell, ordered all at once: each fenced channel gets exactly its fence, the third channel none of the
     * fenced SKU and every unit of the other.
     */
    @Test
    void concurrentOrdersNeverTakeAnotherChannelsFenceAndNeverStopAtAnotherSkusFence() {
        String sku = InventoryApi.newSku();
        String otherSku = InventoryApi.newSku();
        String amazon = "amazon-" + sku;
        String shopify = "shopify-" + sku;
        String etsy = "etsy-" + sku;
        InventoryApi.sku(sku);
        InventoryApi.sku(otherSku);
        InventoryApi.location("berlin", List.of());
        InventoryApi.adjust(sku, "berlin", "on_hand", 10);
        InventoryApi.adjust(otherSku, "berlin", "on_hand", 5);
        InventoryApi.fence(sku, amazon, 4);
        InventoryApi.fence(sku, shopify, 6);

        HttpClient client = HttpClient.newHttpClient();
        String token = Tokens.admin();
        Map<String, List<CompletableFuture<HttpResponse<String>>>> byChannel = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            for (String channel : List.of(amazon, shopify, etsy)) {
                byChannel
                        .computeIfAbsent(channel, c -> new ArrayList<>())
                        .add(send(client, token, channel + "-" + i, channel, sku));
            }
            byChannel
                    .computeIfAbsent("other", c -> new ArrayList<>())
                    .add(send(client, token, otherSku + "-" + i, etsy, otherSku));
        }
        Map<String, Long> confirmed = byChannel.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().stream()
                        .map(CompletableFuture::join)
                        .filter(response -> response.statusCode() == 201)
                        .count()));

        assertEquals(Map.of(amazon, 4L, shopify, 6L, etsy, 0L, "other", 5L), confirmed);
        given().get("/stock/{sku}", sku).then().body("sellable", contains(0));
        given().get("/stock/{sku}", otherSku).then().body("sellable", contains(0));
    }

    private CompletableFuture<HttpResponse<String>> send(
            HttpClient client, String token, String orderId, String channelId, String sku) {
        String body =
                """
                {"orderId": "%s", "channelId": "%s",
                 "lines": [{"lineId": "1", "sku": "%s", "quantity": 1, "candidateLocationIds": ["berlin"]}]}
                """
                        .formatted(orderId, channelId, sku);
        return client.sendAsync(
                HttpRequest.newBuilder(reservations)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long version(String sku) {
        return given().get("/availability/{sku}", sku)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");
    }
}

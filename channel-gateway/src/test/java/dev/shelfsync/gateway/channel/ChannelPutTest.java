package dev.shelfsync.gateway.channel;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.platform.testing.Simultaneous;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Channel writes through Hibernate Reactive, read back by the API and by the gateway's own one-statement reads. */
@QuarkusTest
class ChannelPutTest {

    @Inject
    ChannelRepository reads;

    @Test
    void simultaneousFirstPutsOfOneChannelCreateItOnce() throws Exception {
        String id = "race-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> answers = Simultaneous.calls(8, n -> given().contentType(ContentType.JSON)
                .body(Map.of("type", "woocommerce", "name", "Racing shop " + n))
                .put("/channels/{id}", id)
                .statusCode());
        assertEquals(1, Collections.frequency(answers, 201), "one caller created it: " + answers);
        assertEquals(7, Collections.frequency(answers, 200), "the others changed it: " + answers);
        assertEquals(1, TestSupport.count("select count(*) from channel where id = ?", id));
        given().get("/channels/{id}", id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void defaultsApplyAndAChangeLeavingOutCredentialsAndSettingsKeepsThem() {
        String id = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "type",
                        "shopify",
                        "name",
                        "Shop",
                        "credentials",
                        Map.of("apiToken", "shpat_1", "webhookSecret", "s1"),
                        "settings",
                        Map.of("shopifyLocationId", "77")))
                .put("/channels/{id}", id)
                .then()
                .statusCode(201)
                .body("rateLimitPerSecond", equalTo(2))
                .body("active", equalTo(true))
                .body("settings.shopifyLocationId", equalTo("77"))
                .body("credentialsConfigured", contains("apiToken", "webhookSecret"));

        given().contentType(ContentType.JSON)
                .body(Map.of("type", "shopify", "name", "Shop renamed", "rateLimitPerSecond", 4, "active", false))
                .put("/channels/{id}", id)
                .then()
                .statusCode(200)
                .body("name", equalTo("Shop renamed"))
                .body("rateLimitPerSecond", equalTo(4))
                .body("active", equalTo(false))
                .body("settings.shopifyLocationId", equalTo("77"))
                .body("credentialsConfigured", contains("apiToken", "webhookSecret"));

        // stored as JSON objects, which the webhook and push paths read with one statement
        assertEquals("object", TestSupport.text("select jsonb_typeof(credentials) from channel where id = ?", id));
        Channel read = reads.find(id).await().atMost(Duration.ofSeconds(5));
        assertEquals("shpat_1", read.credential("apiToken"));
        assertEquals("77", read.setting("shopifyLocationId", null));
        assertEquals(false, read.active());

        given().contentType(ContentType.JSON)
                .body(Map.of("type", "shopify", "name", "Shop", "settings", Map.of()))
                .put("/channels/{id}", id)
                .then()
                .statusCode(200)
                .body("settings.size()", equalTo(0))
                .body("rateLimitPerSecond", equalTo(2))
                .body("active", equalTo(true));
    }

    @Test
    void theListShowsEveryChannelInIdOrder() {
        String prefix = "list-" + UUID.randomUUID().toString().substring(0, 8);
        for (String suffix : List.of("b", "a")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("type", "custom", "name", "Portal " + suffix))
                    .put("/channels/{id}", prefix + "-" + suffix)
                    .then()
                    .statusCode(201);
        }
        List<String> ids =
                given().get("/channels").then().statusCode(200).extract().path("id");
        List<String> ours =
                ids.stream().filter(found -> found.startsWith(prefix)).toList();
        assertEquals(List.of(prefix + "-a", prefix + "-b"), ours);
    }
}

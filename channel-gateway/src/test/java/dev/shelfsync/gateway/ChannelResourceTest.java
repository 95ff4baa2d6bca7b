package dev.shelfsync.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChannelResourceTest {

    @Test
    void credentialsAreWriteOnly() {
        given().contentType("application/json")
                .body(
                        """
                        {"type":"woocommerce","name":"Web shop","apiBaseUrl":"https://shop.example.com",
                         "rateLimitPerSecond":5,"active":true,
                         "credentials":{"webhookSecret":"super-secret-value","consumerKey":"ck_1","consumerSecret":"cs_1"}}""")
                .put("/channels/web-1")
                .then()
                .statusCode(201)
                .header("Location", containsString("/channels/web-1"))
                .body("credentialsConfigured", containsInAnyOrder("webhookSecret", "consumerKey", "consumerSecret"))
                .body(not(containsString("super-secret-value")));

        given().get("/channels/web-1")
                .then()
                .statusCode(200)
                .body("type", equalTo("woocommerce"))
                .body("rateLimitPerSecond", equalTo(5))
                .body("credentials", nullValue())
                .body(not(containsString("super-secret-value")));

        // an update without credentials keeps the stored ones
        given().contentType("application/json")
                .body(
                        "{\"type\":\"woocommerce\",\"name\":\"Web shop renamed\",\"apiBaseUrl\":\"https://shop.example.com\"}")
                .put("/channels/web-1")
                .then()
                .statusCode(200)
                .body("name", equalTo("Web shop renamed"))
                .body("credentialsConfigured", hasItem("webhookSecret"));
    }

    @Test
    void invalidChannelIsAProblemWithViolations() {
        given().contentType("application/json")
                .body("{\"type\":\"ebay\",\"name\":\"\",\"rateLimitPerSecond\":0}")
                .put("/channels/bad-1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("type"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("rateLimitPerSecond"));
        given().contentType("application/json")
                .body("{\"type\":\"shopify\",\"name\":\"x\",\"apiBaseUrl\":\"ftp://example.com\"}")
                .put("/channels/bad-2")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://shelfsync.dev/problems/unsafe-endpoint"));
    }

    @Test
    void unknownChannelAndListingAreNotFoundProblems() {
        given().get("/channels/nope")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().contentType("application/json")
                .body("{\"sku\":\"MUG-01\",\"packSize\":6}")
                .put("/channels/nope/listings/1")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"sku\":\"\",\"packSize\":0}")
                .put("/channels/nope/listings/1")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("packSize"));
    }

    @Test
    void listingsImportFromCsvAllOrNothing() {
        given().contentType("application/json")
                .body("{\"type\":\"woocommerce\",\"name\":\"Bulk\"}")
                .put("/channels/bulk-1")
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().contentType("text/csv")
                .body("listingId,sku,packSize\n100,A-1,1\n101,A-1,6\n102,,1\n103,B-1,zero\n")
                .post("/channels/bulk-1/listings/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("line 4", "line 5"));
        given().get("/channels/bulk-1/listings/100").then().statusCode(404);

        given().contentType("text/csv")
                .body("listingId,sku,packSize,inventoryItemId\n100,A-1,1\n101,A-1,6,gid://shopify/InventoryItem/9\n")
                .post("/channels/bulk-1/listings/import")
                .then()
                .statusCode(200)
                .body("imported", equalTo(2));
        given().get("/channels/bulk-1/listings/101")
                .then()
                .statusCode(200)
                .body("packSize", equalTo(6))
                .body("inventoryItemId", equalTo("gid://shopify/InventoryItem/9"));
    }
}

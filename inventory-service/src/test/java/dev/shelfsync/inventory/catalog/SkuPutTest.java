package dev.shelfsync.inventory.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.testing.Simultaneous;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A PUT of a new SKU from eight callers at once: each is answered 200, and the SKU exists once, as the last wrote it. */
@QuarkusTest
class SkuPutTest {

    @Test
    void simultaneousFirstPutsOfOneSkuAllSucceed() throws Exception {
        String sku = "RACE-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> answers = Simultaneous.calls(8, n -> given().contentType(ContentType.JSON)
                .body(Map.of("name", "Racing kettle " + n))
                .put("/skus/{sku}", sku)
                .statusCode());
        assertEquals(Collections.nCopies(8, 200), answers);
        given().get("/skus/{sku}", sku).then().statusCode(200).body("sku", equalTo(sku));
    }
}

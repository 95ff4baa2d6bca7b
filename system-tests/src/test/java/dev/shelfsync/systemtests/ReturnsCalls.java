package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** The returns calls system tests make to set a scene: a return opened as a channel's return request opens it. */
final class ReturnsCalls {

    private ReturnsCalls() {}

    /**
     * A return of units of one SKU at a location, for the order {@code W-<sku>}, opened by the caller (its token);
     * the RMA number.
     */
    static String open(RequestSpecification caller, String channelId, String locationId, String sku, int units) {
        return given().spec(caller)
                .baseUri(SystemUnderTest.url("returns"))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "channelId",
                        channelId,
                        "externalOrderId",
                        "W-" + sku,
                        "locationId",
                        locationId,
                        "lines",
                        List.of(Map.of("sku", sku, "quantity", units, "reasonCode", "no-longer-needed"))))
                .post("/returns")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}

package dev.shelfsync.routing.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.shelfsync.routing.support.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Locations and routing rules as the API stores them (Hibernate Reactive), created and then replaced. */
@QuarkusTest
class LocationAndRuleApiTest {

    @Test
    void aLocationIsStoredWithItsDefaultsAndReplacedAsAWhole() {
        Scenario s = new Scenario();
        String id = s.name("depot");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "latitude", 52.123456789, "longitude", 13.4, "countryCode", "de", "costPerShipment", 4.555))
                .put("/locations/{id}", id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("latitude", equalTo(52.123457f))
                .body("countryCode", equalTo("DE"))
                .body("active", equalTo(true))
                .body("servesChannels", empty())
                .body("dailyCapacityOrders", nullValue())
                .body("ordersToday", equalTo(0))
                .body("costPerShipment", equalTo(4.56f));

        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "latitude",
                        48.1,
                        "longitude",
                        11.5,
                        "active",
                        false,
                        "servesChannels",
                        List.of(s.channel),
                        "dailyCapacityOrders",
                        3,
                        "priority",
                        2))
                .put("/locations/{id}", id)
                .then()
                .statusCode(200);

        given().get("/locations/{id}", id)
                .then()
                .statusCode(200)
                .body("latitude", equalTo(48.1f))
                .body("countryCode", nullValue())
                .body("active", equalTo(false))
                .body("servesChannels", contains(s.channel))
                .body("dailyCapacityOrders", equalTo(3))
                .body("priority", equalTo(2))
                .body("costPerShipment", nullValue());
        given().get("/locations").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void aRoutingRuleTakesItsDefaultsAndIsReplacedAsAWhole() {
        Scenario s = new Scenario();
        given().contentType(ContentType.JSON)
                .body(Map.of("strategy", "priority", "locationPriority", List.of("b", "a")))
                .put("/routing-rules/{channel}", s.channel)
                .then()
                .statusCode(200)
                .body("strategy", equalTo("priority"))
                .body("locationPriority", contains("b", "a"))
                .body("onUnfulfillable", equalTo("backorder"));

        given().contentType(ContentType.JSON)
                .body(Map.of("strategy", "lowest-cost", "onUnfulfillable", "cancel"))
                .put("/routing-rules/{channel}", s.channel)
                .then()
                .statusCode(200);

        given().get("/routing-rules/{channel}", s.channel)
                .then()
                .statusCode(200)
                .body("strategy", equalTo("lowest-cost"))
                .body("locationPriority", empty())
                .body("onUnfulfillable", equalTo("cancel"));
    }
}

package dev.shelfsync.routing.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.testing.Simultaneous;
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

    /** Eight first PUTs of one new location, and of one new rule, at the same moment: each answers 200, one row. */
    @Test
    void simultaneousFirstPutsOfOneIdAllSucceedAndLeaveOneRow() throws Exception {
        Scenario s = new Scenario();
        String id = s.name("race-depot");
        List<Integer> locations = Simultaneous.calls(8, n -> given().contentType(ContentType.JSON)
                .body(Map.of("latitude", 50.0 + n, "longitude", 8.0, "countryCode", "DE"))
                .put("/locations/{id}", id)
                .statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), locations);
        given().get("/locations").then().statusCode(200).body("findAll { it.id == '" + id + "' }.size()", equalTo(1));

        List<Integer> rules = Simultaneous.calls(8, n -> given().contentType(ContentType.JSON)
                .body(Map.of("strategy", n % 2 == 0 ? "nearest" : "lowest-cost"))
                .put("/routing-rules/{channelId}", s.channel)
                .statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), rules);
    }
}

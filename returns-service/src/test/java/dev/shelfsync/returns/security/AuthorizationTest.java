package dev.shelfsync.returns.security;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.disposition;
import static dev.shelfsync.returns.support.ReturnsApi.inspection;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static dev.shelfsync.returns.support.ReturnsApi.scan;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.testing.SignedIn;
import dev.shelfsync.returns.support.EventLog;
import dev.shelfsync.returns.support.ReturnsApi;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationTest {

    @Inject
    Pool pool;

    @Test
    void withoutATokenEveryEndpointAnswers401ProblemAndStoresNothing() {
        SignedIn.nobody();
        String externalOrderId = newId("order");
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "channelId",
                        "shop",
                        "externalOrderId",
                        externalOrderId,
                        "locationId",
                        "berlin",
                        "lines",
                        List.of(line("X", 1, "other"))))
                .post("/returns")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", containsString("unauthenticated"));
        given().get("/returns").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2("not.a.token")
                .get("/returns")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        assertEquals(0, count("select count(*) from rma where external_order_id = '" + externalOrderId + "'"));
    }

    @Test
    void aRoleOutsideTheReturnsDeskAnswers403AndChangesNothing() {
        String sku = newId("SKU");
        String rma = ReturnsApi.open(Tokens.staff("ana", "berlin"), "berlin", List.of(line(sku, 1, "other")));
        String stranger = Tokens.token("eve", Set.of("channel-manager"), List.of("berlin"));

        as(stranger)
                .get("/returns/{id}", rma)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("forbidden"));
        as(stranger)
                .body(scan(newId("s"), sku, "berlin", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.staff("ana", "berlin"))
                .queryParam("from", "2020-01-01T00:00:00Z")
                .queryParam("to", "2100-01-01T00:00:00Z")
                .get("/returns/reasons")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.supervisor()).get("/returns/{id}", rma).then().body("lines[0].received", equalTo(0));
    }

    @Test
    void anotherLocationsWorkerCannotSeeOrChangeAReturnAndListsLeaveItOut() throws Exception {
        String sku = newId("SKU");
        String berlin = Tokens.staff("ana", "berlin");
        String munich = Tokens.staff("max", "munich");
        String rma = ReturnsApi.open(berlin, "berlin", List.of(line(sku, 2, "defective")));
        as(berlin)
                .body(scan(newId("s"), sku, "berlin", 2))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200);

        try (EventLog events = new EventLog(pool)) {
            as(munich)
                    .get("/returns/{id}", rma)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404));
            as(munich).get("/returns/{id}/inspections", rma).then().statusCode(404);
            // Even scanning at the worker's own location does not reach another location's return.
            as(munich)
                    .body(scan(newId("s"), sku, "munich", 1))
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            as(munich)
                    .body(inspection(sku, "accept"))
                    .post("/returns/{id}/inspections", rma)
                    .then()
                    .statusCode(404);
            as(munich)
                    .body(disposition(newId("d"), sku, 1, "discard"))
                    .post("/returns/{id}/dispositions", rma)
                    .then()
                    .statusCode(404);
            // Nor may a worker act at a location that is not theirs.
            as(munich)
                    .body(scan(newId("s"), sku, "berlin", 1))
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", containsString("not-your-location"));
            as(munich)
                    .body(Map.of(
                            "channelId",
                            "shop",
                            "externalOrderId",
                            newId("o"),
                            "locationId",
                            "berlin",
                            "lines",
                            List.of(line(sku, 1, "other"))))
                    .post("/returns")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");

            as(munich).get("/returns").then().statusCode(200).body("id", not(hasItem(rma)));
            as(berlin).get("/returns").then().statusCode(200).body("id", hasItem(rma));
            as(Tokens.supervisor()).get("/returns").then().statusCode(200).body("id", hasItem(rma));
            as(Tokens.admin())
                    .get("/returns/{id}", rma)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("received"))
                    .body("lines[0].received", equalTo(2))
                    .body("lines[0].inspectionOutcome", equalTo(null));
            assertEquals(List.of(), events.typesOf(rma));
        }
    }

    @Test
    void aWorkerWithSeveralLocationsSeesEachAndASupervisorActsAnywhere() {
        String sku = newId("SKU");
        String rma = ReturnsApi.open(Tokens.staff("ana", "berlin"), "berlin", List.of(line(sku, 1, "other")));
        as(Tokens.staff("kim", "munich", "berlin"))
                .get("/returns/{id}", rma)
                .then()
                .statusCode(200);
        as(Tokens.supervisor())
                .body(scan(newId("s"), sku, "berlin", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200)
                .body("status", equalTo("received"));
    }

    private long count(String sql) {
        return pool.query(sql)
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void merchantOperationsAndServicesReadReturnsButChangeNone() {
        String sku = newId("SKU");
        String rma = ReturnsApi.open(Tokens.staff("ana", "berlin"), "berlin", List.of(line(sku, 1, "other")));
        for (String reader : List.of(
                Tokens.token("olga", Set.of("merchant-ops"), List.of()),
                Tokens.token("robot", Set.of("service"), List.of()))) {
            as(reader).get("/returns/{id}", rma).then().statusCode(200).body("id", equalTo(rma));
            as(reader).get("/returns").then().statusCode(200).body("id", hasItem(rma));
            as(reader)
                    .body(scan(newId("s"), sku, "berlin", 1))
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        as(Tokens.staff("ana", "berlin")).get("/returns/{id}", rma).then().body("status", equalTo("requested"));
    }
}

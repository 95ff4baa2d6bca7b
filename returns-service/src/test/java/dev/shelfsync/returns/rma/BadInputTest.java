package dev.shelfsync.returns.rma;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static dev.shelfsync.returns.support.ReturnsApi.scan;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.shelfsync.returns.support.ReturnsApi;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BadInputTest {

    private final String staff = Tokens.staff("ana", "berlin");

    @Test
    void aReturnWithoutLinesOrWithAnUnknownReasonIsAProblemAndNotStored() {
        String order = newId("order");
        as(staff)
                .body(Map.of("channelId", "shop", "externalOrderId", order, "locationId", "berlin", "lines", List.of()))
                .post("/returns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("lines"));
        as(staff)
                .body(Map.of(
                        "channelId",
                        "shop",
                        "externalOrderId",
                        order,
                        "locationId",
                        "berlin",
                        "lines",
                        List.of(Map.of("sku", "A", "quantity", 0, "reasonCode", "meh"))))
                .post("/returns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("lines[0].quantity", "lines[0].reasonCode"));
        as(staff)
                .body(Map.of(
                        "channelId",
                        "shop",
                        "externalOrderId",
                        order,
                        "locationId",
                        "berlin",
                        "lines",
                        List.of(line("A", 1, "other"), line("A", 2, "other"))))
                .post("/returns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].message", containsString("more than once"));
        as(Tokens.supervisor()).get("/returns").then().statusCode(200).body("externalOrderId", not(hasItem(order)));
    }

    @Test
    void malformedJsonIsAProblemWithoutInternals() {
        as(staff)
                .body("{\"channelId\": ")
                .post("/returns")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("malformed-json"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void anIncompleteChecklistABadDispositionAndAnUnknownReturnAreProblems() {
        String sku = newId("SKU");
        String rma = ReturnsApi.open(staff, "berlin", List.of(line(sku, 1, "defective")));
        as(staff)
                .body(scan(newId("s"), sku, "berlin", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200);

        as(staff)
                .body(Map.of(
                        "sku",
                        sku,
                        "category",
                        "electronics",
                        "outcome",
                        "accept",
                        "answers",
                        List.of(Map.of("question", "packaging-intact", "answer", "yes"))))
                .post("/returns/{id}/inspections", rma)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.message", hasItem(containsString("functional is not answered")));
        as(staff)
                .body(Map.of("sku", sku, "category", "spaceships", "outcome", "accept", "answers", List.of()))
                .post("/returns/{id}/inspections", rma)
                .then()
                .statusCode(400)
                .body("violations.field", contains("category"));
        as(staff)
                .body(Map.of("dispositionId", "d1", "sku", sku, "quantity", 1, "disposition", "burn"))
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("disposition"));
        as(staff)
                .body(Map.of("dispositionId", "d2", "sku", sku, "quantity", 1, "disposition", "refurbish"))
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(400)
                .body("violations.field", contains("note"));
        as(staff)
                .body(scan("", sku, "berlin", -1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(400)
                .body("violations.field", contains("quantity", "scanId"));
        as(staff).get("/returns/{id}", "rma-nope").then().statusCode(404).contentType("application/problem+json");
        as(staff)
                .get("/returns/{id}", rma)
                .then()
                .body("status", equalTo("received"))
                .body("lines[0].inspectionOutcome", equalTo(null));
    }

    @Test
    void aReportRangeThatIsNotATimeRangeIsAProblem() {
        as(Tokens.supervisor())
                .queryParam("from", "yesterday")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get("/returns/reasons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("from"));
        as(Tokens.supervisor())
                .queryParam("from", "2026-01-02T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .queryParam("by", "colour")
                .get("/returns/reasons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}

package dev.shelfsync.returns.rma;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.disposition;
import static dev.shelfsync.returns.support.ReturnsApi.inspection;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static dev.shelfsync.returns.support.ReturnsApi.scan;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.returns.support.EventLog;
import dev.shelfsync.returns.support.ReturnsApi;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReturnWorkflowTest {

    @Inject
    Pool pool;

    EventLog events;

    @BeforeEach
    void listen() throws Exception {
        events = new EventLog(pool);
    }

    @AfterEach
    void close() throws Exception {
        events.close();
    }

    @Test
    void channelRequestReceivedInspectedRestockedPublishesExactlyTheExpectedEventsOnce() throws Exception {
        String sku = newId("MUG");
        String externalReturnId = newId("r");
        String staff = Tokens.staff("ana", "berlin");
        try (LocalBroker broker = new LocalBroker()) {
            broker.publishRaw(
                    "channels",
                    "channels.return-requested",
                    LocalBroker.envelope(
                            UUID.randomUUID().toString(),
                            "channels.return-requested",
                            Map.of(
                                    "channelId",
                                    "shopify-main",
                                    "externalOrderId",
                                    "1001",
                                    "externalReturnId",
                                    externalReturnId,
                                    "lines",
                                    List.of(Map.of("sku", sku, "quantity", 2, "reason", "DAMAGED_BY_CARRIER")))));
        }
        String rma = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> as(staff)
                                .queryParam("externalReturnId", externalReturnId)
                                .get("/returns")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<String>path("[0].id"),
                        id -> id != null);

        as(staff)
                .get("/returns/{id}", rma)
                .then()
                .statusCode(200)
                .body("status", equalTo("requested"))
                .body("source", equalTo("channel"))
                .body("lines[0].reasonCode", equalTo("damaged"))
                .body("lines[0].reasonText", equalTo("DAMAGED_BY_CARRIER"));

        // The same scan twice: the second changes nothing.
        for (int i = 0; i < 2; i++) {
            as(staff)
                    .body(scan("scan-" + rma, sku, "berlin", 2))
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("received"))
                    .body("locationId", equalTo("berlin"))
                    .body("receivedAt", notNullValue())
                    .body("inspectionDueAt", notNullValue())
                    .body("lines[0].received", equalTo(2));
        }
        for (int i = 0; i < 2; i++) {
            as(staff)
                    .body(inspection(sku, "accept"))
                    .post("/returns/{id}/inspections", rma)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("inspected"))
                    .body("lines[0].inspectionOutcome", equalTo("accept"));
        }
        as(staff)
                .get("/returns/{id}/inspections", rma)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].inspector", equalTo("ana"))
                .body("[0].answers.question", contains("item-complete", "packaging-intact", "signs-of-use"))
                .body("[0].answers.inspector", contains("ana", "ana", "ana"))
                .body("[0].answers[2].note", equalTo("looks new"));
        for (int i = 0; i < 2; i++) {
            as(staff)
                    .body(disposition("disp-" + rma, sku, 2, "restock"))
                    .post("/returns/{id}/dispositions", rma)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("closed"))
                    .body("lines[0].restocked", equalTo(2))
                    .body("lines[0].awaitingDisposition", equalTo(0));
        }

        List<JsonNode> published = events.of(rma);
        assertEquals(
                List.of("returns.units-received", "returns.refund-due", "returns.units-dispositioned"),
                published.stream().map(e -> e.path("type").asText()).toList());
        JsonNode received = published.get(0).path("payload");
        assertEquals(rma, received.path("rmaId").asText());
        assertEquals(sku, received.path("sku").asText());
        assertEquals("berlin", received.path("locationId").asText());
        assertEquals(2, received.path("quantity").asInt());
        JsonNode refund = published.get(1).path("payload");
        assertEquals("shopify-main", refund.path("channelId").asText());
        assertEquals("1001", refund.path("externalOrderId").asText());
        assertEquals(2, refund.path("lines").get(0).path("quantity").asInt());
        JsonNode restocked = published.get(2).path("payload");
        assertEquals("restock", restocked.path("disposition").asText());
        assertEquals(2, restocked.path("quantity").asInt());
        assertEquals("berlin", restocked.path("locationId").asText());
    }

    @Test
    void walkInPartlyRefurbishedThenReleasedAndPartlyDiscardedClosesOnlyWhenEveryUnitIsDecided() throws Exception {
        String sku = newId("LAMP");
        String staff = Tokens.staff("ben", "hamburg");
        String rma = ReturnsApi.open(staff, "hamburg", List.of(line(sku, 3, "defective")));

        as(staff)
                .body(scan(newId("s"), sku, "hamburg", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200);
        as(staff)
                .body(scan(newId("s"), sku, "hamburg", 2))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200)
                .body("lines[0].received", equalTo(3));
        as(staff)
                .body(scan(newId("s"), sku, "hamburg", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("over-receipt"));
        as(staff)
                .body(disposition(newId("d"), sku, 1, "discard"))
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(409)
                .body("type", containsString("not-inspected"));
        as(staff)
                .body(inspection(sku, "reject"))
                .post("/returns/{id}/inspections", rma)
                .then()
                .statusCode(200)
                .body("status", equalTo("inspected"));
        as(staff)
                .body(inspection(sku, "accept"))
                .post("/returns/{id}/inspections", rma)
                .then()
                .statusCode(409)
                .body("type", containsString("already-inspected"));

        Map<String, Object> refurbish = Map.of(
                "dispositionId",
                newId("d"),
                "sku",
                sku,
                "quantity",
                2,
                "disposition",
                "refurbish",
                "note",
                "replace the cable");
        as(staff)
                .body(refurbish)
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(200)
                .body("lines[0].refurbishing", equalTo(2))
                .body("lines[0].awaitingDisposition", equalTo(1));
        as(staff)
                .body(disposition(newId("d"), sku, 1, "discard"))
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(200)
                .body("status", equalTo("inspected"));
        as(staff)
                .body(disposition(newId("d"), sku, 1, "discard"))
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(409)
                .body("type", containsString("too-many-units"));
        Map<String, Object> release = Map.of(
                "dispositionId",
                newId("d"),
                "sku",
                sku,
                "quantity",
                2,
                "disposition",
                "restock",
                "fromRefurbishment",
                true);
        as(staff)
                .body(release)
                .post("/returns/{id}/dispositions", rma)
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .body("lines[0].restocked", equalTo(2))
                .body("lines[0].discarded", equalTo(1))
                .body("lines[0].refurbishing", equalTo(0));

        // Rejected: no refund. Two receipts, then refurbish, discard, restock.
        assertEquals(
                List.of(
                        "returns.units-received",
                        "returns.units-received",
                        "returns.units-dispositioned",
                        "returns.units-dispositioned",
                        "returns.units-dispositioned"),
                events.typesOf(rma));
        List<String> dispositions = events.of(rma).stream()
                .skip(2)
                .map(e -> e.path("payload").path("disposition").asText())
                .toList();
        assertEquals(List.of("refurbish", "discard", "restock"), dispositions);
    }

    @Test
    void aReusedScanIdForADifferentScanIsRefusedAndChangesNothing() throws Exception {
        String sku = newId("CUP");
        String staff = Tokens.staff("ana", "berlin");
        String rma = ReturnsApi.open(staff, "berlin", List.of(line(sku, 5, "size-fit")));
        String scanId = newId("s");
        as(staff)
                .body(scan(scanId, sku, "berlin", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200);
        as(staff)
                .body(scan(scanId, sku, "berlin", 3))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", containsString("idempotency-key-reused"));
        as(staff).get("/returns/{id}", rma).then().body("lines[0].received", equalTo(1));
        assertEquals(List.of("returns.units-received"), events.typesOf(rma));
    }

    @Test
    void creatingWithTheSameIdempotencyKeyTwiceOpensOneReturn() {
        String staff = Tokens.staff("ana", "berlin");
        Map<String, Object> body = Map.of(
                "channelId",
                "store",
                "externalOrderId",
                "walk-in-7",
                "locationId",
                "berlin",
                "lines",
                List.of(line(newId("HAT"), 1, "no-longer-needed")));
        String key = newId("key");
        String first = as(staff)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/returns")
                .then()
                .statusCode(201)
                .header("Location", containsString("/returns/rma-"))
                .extract()
                .path("id");
        as(staff)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/returns")
                .then()
                .statusCode(200)
                .body("id", equalTo(first));
    }
}

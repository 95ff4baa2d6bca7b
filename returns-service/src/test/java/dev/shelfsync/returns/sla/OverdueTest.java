package dev.shelfsync.returns.sla;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.inspection;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static dev.shelfsync.returns.support.ReturnsApi.scan;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.returns.support.EventLog;
import dev.shelfsync.returns.support.ReturnsApi;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ShortSlaProfile.class)
class OverdueTest {

    @Inject
    Pool pool;

    @Inject
    OverdueSweep sweep;

    @Test
    void aReturnNotInspectedWithinTheSlaIsListedAndPublishedOnce() throws Exception {
        String sku = newId("SKU");
        String staff = Tokens.staff("ana", "berlin");
        String late = ReturnsApi.open(staff, "berlin", List.of(line(sku, 1, "defective")));
        String onTime = ReturnsApi.open(staff, "berlin", List.of(line(sku, 1, "defective")));
        String elsewhere = ReturnsApi.open(Tokens.supervisor(), "munich", List.of(line(sku, 1, "defective")));
        try (EventLog events = new EventLog(pool)) {
            for (String rma : List.of(late, onTime)) {
                as(staff)
                        .body(scan(newId("s"), sku, "berlin", 1))
                        .post("/returns/{id}/receipts", rma)
                        .then()
                        .statusCode(200);
            }
            as(Tokens.supervisor())
                    .body(scan(newId("s"), sku, "munich", 1))
                    .post("/returns/{id}/receipts", elsewhere)
                    .then()
                    .statusCode(200);
            as(staff)
                    .body(inspection(sku, "accept"))
                    .post("/returns/{id}/inspections", onTime)
                    .then()
                    .statusCode(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> published(late));
            as(staff)
                    .get("/returns/overdue")
                    .then()
                    .statusCode(200)
                    .body("id", hasItem(late))
                    .body("id", not(hasItem(onTime)))
                    .body("id", not(hasItem(elsewhere)));
            as(Tokens.supervisor()).get("/returns/overdue").then().body("id", hasItem(elsewhere));

            // Another sweep (as a second replica would run) finds nothing left to publish for it.
            sweep.sweep().await().indefinitely();
            await().atMost(Duration.ofSeconds(20)).until(() -> published(elsewhere));

            List<JsonNode> lateEvents = events.of(late);
            assertEquals(
                    List.of("returns.units-received", "returns.inspection-overdue"),
                    lateEvents.stream().map(e -> e.path("type").asText()).toList());
            JsonNode overdue = lateEvents.get(1).path("payload");
            assertEquals(late, overdue.path("rmaId").asText());
            assertEquals("berlin", overdue.path("locationId").asText());
            assertEquals(
                    Duration.ofSeconds(1),
                    Duration.between(
                            java.time.Instant.parse(overdue.path("receivedAt").asText()),
                            java.time.Instant.parse(overdue.path("dueAt").asText())));
            assertEquals(List.of("returns.units-received", "returns.refund-due"), events.typesOf(onTime));
        }
    }

    @Test
    void concurrentSweepsPublishEachOverdueReturnExactlyOnce() throws Exception {
        String sku = newId("SKU");
        String rma = ReturnsApi.open(Tokens.supervisor(), "berlin", List.of(line(sku, 1, "other")));
        try (EventLog events = new EventLog(pool)) {
            as(Tokens.supervisor())
                    .body(scan(newId("s"), sku, "berlin", 1))
                    .post("/returns/{id}/receipts", rma)
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> overdueNow(rma));
            // Several sweeps at once, racing the scheduled one, as replicas would: one conditional update claims it.
            List<Integer> claimed = Uni.join()
                    .all(sweep.sweep(), sweep.sweep(), sweep.sweep(), sweep.sweep())
                    .andCollectFailures()
                    .await()
                    .indefinitely();
            await().atMost(Duration.ofSeconds(20)).until(() -> published(rma));
            sweep.sweep().await().indefinitely();
            assertEquals(List.of("returns.units-received", "returns.inspection-overdue"), events.typesOf(rma));
            assertEquals(4, claimed.size());
        }
    }

    private boolean overdueNow(String rma) {
        return pool.preparedQuery("select received_at <= now() - interval '1 second' from rma where id = $1")
                .execute(Tuple.of(rma))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getBoolean(0);
    }

    private boolean published(String rma) {
        return pool.preparedQuery("select overdue_published_at is not null from rma where id = $1")
                .execute(Tuple.of(rma))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getBoolean(0);
    }
}

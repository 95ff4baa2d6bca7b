package dev.shelfsync.returns.sla;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.inspection;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static dev.shelfsync.returns.support.ReturnsApi.scan;
import static org.awaitility.Awaitility.await;

import dev.shelfsync.platform.testing.Scrape;
import dev.shelfsync.returns.support.ReturnsApi;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overdue gauge counts a received return once its SLA passes and lets it go once it is inspected. */
@QuarkusTest
@TestProfile(ShortSlaProfile.class)
class OverdueGaugeTest {

    private static final String OVERDUE = "shelfsync_returns_inspection_overdue";

    @Test
    void aReturnCountsAsOverdueAfterTheSlaUntilItIsInspected() {
        String sku = newId("SKU");
        String staff = Tokens.staff("ana", "berlin");
        String rma = ReturnsApi.open(staff, "berlin", List.of(line(sku, 1, "defective")));
        double before = Scrape.value(Scrape.metrics(), OVERDUE);

        as(staff)
                .body(scan(newId("s"), sku, "berlin", 1))
                .post("/returns/{id}/receipts", rma)
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.value(Scrape.metrics(), OVERDUE) == before + 1);
        as(staff)
                .body(inspection(sku, "accept"))
                .post("/returns/{id}/inspections", rma)
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> Scrape.value(Scrape.metrics(), OVERDUE) == before);
    }
}

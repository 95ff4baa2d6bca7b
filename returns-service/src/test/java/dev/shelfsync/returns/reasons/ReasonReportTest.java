package dev.shelfsync.returns.reasons;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.line;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReasonReportTest {

    @Test
    void reasonsAreCountedPerSkuAndPerChannelWithTheirShareOfUnits() {
        String channel = newId("chan");
        String sku = newId("SHOE");
        String staff = Tokens.staff("ana", "berlin");
        Instant from = Instant.now().minusSeconds(60);
        open(staff, channel, List.of(line(sku, 3, "size-fit")));
        open(staff, channel, List.of(line(sku, 1, "defective"), line(sku + "-B", 1, "size-fit")));
        Instant to = Instant.now().plusSeconds(60);

        as(Tokens.supervisor())
                .queryParam("by", "channel")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .get("/returns/reasons")
                .then()
                .statusCode(200)
                .body("groups.find { it.key == '" + channel + "' }.units", equalTo(5))
                .body("groups.find { it.key == '" + channel + "' }.returns", equalTo(2))
                .body("groups.find { it.key == '" + channel + "' }.reasons.reason", contains("size-fit", "defective"))
                .body("groups.find { it.key == '" + channel + "' }.reasons.units", contains(4, 1))
                .body("groups.find { it.key == '" + channel + "' }.reasons.rate", contains(0.8f, 0.2f));
        as(Tokens.admin())
                .queryParam("by", "sku")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .get("/returns/reasons")
                .then()
                .statusCode(200)
                .body("groups.find { it.key == '" + sku + "' }.units", equalTo(4))
                .body("groups.find { it.key == '" + sku + "' }.reasons.rate", contains(0.75f, 0.25f));
        as(Tokens.supervisor())
                .queryParam("by", "channel")
                .queryParam("from", to.toString())
                .queryParam("to", to.plusSeconds(60).toString())
                .get("/returns/reasons")
                .then()
                .statusCode(200)
                .body("groups.size()", equalTo(0));
    }

    private static void open(String token, String channel, List<Map<String, Object>> lines) {
        as(token)
                .body(Map.of(
                        "channelId", channel, "externalOrderId", newId("o"), "locationId", "berlin", "lines", lines))
                .post("/returns")
                .then()
                .statusCode(201);
    }
}

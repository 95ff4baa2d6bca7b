package dev.shelfsync.returns.intake;

import static dev.shelfsync.returns.support.ReturnsApi.as;
import static dev.shelfsync.returns.support.ReturnsApi.newId;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.returns.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Publishes to the real channels exchange, as channel-gateway does, and checks what the consumer made of it. */
@QuarkusTest
class ChannelReturnsBrokerTest {

    @Inject
    Pool pool;

    @Test
    void aRedeliveredOrRepeatedReturnRequestOpensOneReturn() throws Exception {
        String externalReturnId = newId("r");
        Map<String, Object> payload = Map.of(
                "channelId",
                "etsy",
                "externalOrderId",
                "E-77",
                "externalReturnId",
                externalReturnId,
                "lines",
                List.of(Map.of("sku", "SCARF-1", "quantity", 1, "reason", "Too small")));
        String messageId = UUID.randomUUID().toString();
        String sentinelId = newId("r");
        try (LocalBroker broker = new LocalBroker()) {
            String message = LocalBroker.envelope(messageId, "channels.return-requested", payload);
            broker.publishRaw("channels", "channels.return-requested", message);
            broker.publishRaw("channels", "channels.return-requested", message);
            // The marketplace sent the same return again under a new message id.
            broker.publishRaw(
                    "channels",
                    "channels.return-requested",
                    LocalBroker.envelope(UUID.randomUUID().toString(), "channels.return-requested", payload));
            Map<String, Object> sentinel = new java.util.HashMap<>(payload);
            sentinel.put("externalReturnId", sentinelId);
            broker.publishRaw(
                    "channels",
                    "channels.return-requested",
                    LocalBroker.envelope(UUID.randomUUID().toString(), "channels.return-requested", sentinel));
        }
        // Messages are applied in order: once the last one is in, the duplicates before it were handled.
        await().atMost(Duration.ofSeconds(20)).until(() -> count(sentinelId) == 1);
        assertEquals(1, count(externalReturnId));
        assertEquals(1, processed(messageId));
        as(Tokens.supervisor())
                .queryParam("externalReturnId", externalReturnId)
                .get("/returns")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1))
                .body("[0].lines[0].reasonCode", org.hamcrest.Matchers.equalTo("size-fit"));
    }

    @Test
    void poisonMessagesAreParkedAndTheQueueKeepsFlowing() throws Exception {
        String notJson = "not json " + UUID.randomUUID();
        String noLines = LocalBroker.envelope(
                UUID.randomUUID().toString(),
                "channels.return-requested",
                Map.of("channelId", "etsy", "externalOrderId", "E-1", "lines", List.of()));
        String afterwards = newId("r");
        try (LocalBroker broker = new LocalBroker()) {
            broker.publishRaw("channels", "channels.return-requested", notJson);
            broker.publishRaw("channels", "channels.return-requested", noLines);
            broker.publishRaw(
                    "channels",
                    "channels.return-requested",
                    LocalBroker.envelope(
                            UUID.randomUUID().toString(),
                            "channels.return-requested",
                            Map.of(
                                    "channelId",
                                    "etsy",
                                    "externalOrderId",
                                    "E-2",
                                    "externalReturnId",
                                    afterwards,
                                    "lines",
                                    List.of(Map.of("sku", "SCARF-2", "quantity", 1, "reason", "x")))));
            List<String> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (String body; (body = broker.take("returns.channel-returns.parking")) != null; ) {
                    parked.add(body);
                }
                return parked.contains(notJson) && parked.contains(noLines);
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> count(afterwards) == 1);
    }

    private long count(String externalReturnId) {
        return pool.preparedQuery("select count(*) from rma where external_return_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(externalReturnId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    private long processed(String messageId) {
        return pool.preparedQuery("select count(*) from processed_message where message_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(messageId))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}

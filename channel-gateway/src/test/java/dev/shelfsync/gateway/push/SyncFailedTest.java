package dev.shelfsync.gateway.push;

import static dev.shelfsync.gateway.GatewayFixtures.availability;
import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** A channel down longer than sync-failed-after (2 s in tests) yields one channels.sync-failed per outage. */
@QuarkusTest
class SyncFailedTest {

    @Test
    void oneEventPerOutageAndRecoveryClearsIt() throws Exception {
        try (MarketplaceSimulator simulator = MarketplaceSimulator.start(
                        SimulatorConfig.of(ChannelConfig.of("sf-down", "woocommerce", "f1", "http://127.0.0.1:1", 5)));
                TestSupport.Capture events = new TestSupport.Capture("channels")) {
            channel("sf-down", "woocommerce", "f1", simulator.apiBaseUrl("sf-down"), 5, null);
            listing("sf-down", "950", "SF-SKU", 1);
            listing("sf-down", "951", "SF-SKU-2", 1);

            simulator.failFor("sf-down", 503, Duration.ofSeconds(6));
            availability("SF-SKU", 1, 9);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> syncFailed(events).size() == 1);
            JsonNode event = json(syncFailed(events).get(0)).path("payload");
            assertEquals("sf-down", event.path("channelId").asText());
            assertEquals(1, event.path("pendingListings").asInt());
            // Still down, still retrying: no second event for the same outage.
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> syncFailed(events).size() == 1);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Objects.equals(simulator.listedQuantity("sf-down", "950"), 9));
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            TestSupport.count("select count(*) from channel_sync_state where channel_id = 'sf-down'"
                                            + " and failing_since is null and reported_at is null")
                                    == 1);

            // A later outage is a new one and is reported again.
            simulator.failFor("sf-down", 500, Duration.ofSeconds(5));
            availability("SF-SKU-2", 1, 4);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> syncFailed(events).size() == 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Objects.equals(simulator.listedQuantity("sf-down", "951"), 4));
        }
    }

    private static List<String> syncFailed(TestSupport.Capture events) {
        return events.matching("\"type\":\"channels.sync-failed\"").stream()
                .filter(body -> body.contains("\"channelId\":\"sf-down\""))
                .toList();
    }
}

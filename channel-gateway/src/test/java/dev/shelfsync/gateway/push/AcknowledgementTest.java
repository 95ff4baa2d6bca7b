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

/**
 * For a channel with a ring-fence on an SKU, the gateway says when every listing of the SKU on that store shows an
 * availability version ({@code channels.availability-acknowledged}); inventory raises a fence that another channel
 * gave units to only then.
 */
@QuarkusTest
class AcknowledgementTest {

    @Test
    void aFencedListingsPushIsAcknowledgedWithItsVersionAndAnUnfencedOneIsNot() throws Exception {
        try (MarketplaceSimulator simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of("ack-woo", "woocommerce", "a1", "http://127.0.0.1:1", 20),
                        ChannelConfig.of("ack-open", "woocommerce", "a2", "http://127.0.0.1:1", 20)));
                TestSupport.Capture events = new TestSupport.Capture("channels")) {
            channel("ack-woo", "woocommerce", "a1", simulator.apiBaseUrl("ack-woo"), 20, null);
            channel("ack-open", "woocommerce", "a2", simulator.apiBaseUrl("ack-open"), 20, null);
            listing("ack-woo", "971", "ACK-SKU", 1);
            listing("ack-woo", "972", "ACK-SKU", 1);
            listing("ack-open", "973", "ACK-SKU", 1);

            availability("ACK-SKU", 3, 2, "{\"ack-woo\":6,\"ack-open\":2}", "{\"ack-woo\":6}");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Objects.equals(simulator.listedQuantity("ack-woo", "971"), 6)
                            && Objects.equals(simulator.listedQuantity("ack-woo", "972"), 6)
                            && Objects.equals(simulator.listedQuantity("ack-open", "973"), 2));

            await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged(events, "ack-woo").stream()
                    .anyMatch(event -> event.path("version").asLong() == 3));
            JsonNode event = acknowledged(events, "ack-woo").get(0);
            assertEquals("ACK-SKU", event.path("sku").asText());
            // Never a version some listing of the SKU does not show yet.
            acknowledged(events, "ack-woo")
                    .forEach(each -> assertEquals(3, each.path("version").asLong()));
            assertEquals(List.of(), acknowledged(events, "ack-open"));
        }
    }

    private static List<JsonNode> acknowledged(TestSupport.Capture events, String channelId) {
        return events.matching("\"type\":\"channels.availability-acknowledged\"").stream()
                .map(body -> json(body).path("payload"))
                .filter(payload -> payload.path("channelId").asText().equals(channelId))
                .toList();
    }
}

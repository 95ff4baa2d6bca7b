package dev.shelfsync.gateway.synclag;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.gateway.GatewayFixtures;
import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sale on one simulated store, pushed to the other: the gateway publishes that other channel's sync lag through
 * the broker for inventory's auto buffers, and nothing for the selling channel, which measured no lag.
 */
@QuarkusTest
class SyncLagPublishedTest {

    private static final String SHOP = "sl-shop";
    private static final String WOO = "sl-woo";
    private static final String SKU = "SYNCLAG-1";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void theOtherChannelsLagIsPublishedAfterTheSaleReachesIt() throws Exception {
        try (LocalBroker broker = new LocalBroker();
                MarketplaceSimulator stores = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of(SHOP, "shopify", "sl1", gateway.toString(), 20)
                                .withListing("88801", 0),
                        ChannelConfig.of(WOO, "woocommerce", "sl2", gateway.toString(), 20)
                                .withListing("881", 0)))) {
            String lags = broker.listen("channels", RoutingKeys.SYNC_LAG_MEASURED);
            GatewayFixtures.channel(SHOP, "shopify", "sl1", stores.apiBaseUrl(SHOP), 20, null);
            GatewayFixtures.channel(WOO, "woocommerce", "sl2", stores.apiBaseUrl(WOO), 20, null);
            GatewayFixtures.listing(SHOP, "88801", SKU, 1);
            GatewayFixtures.listing(WOO, "881", SKU, 1);
            GatewayFixtures.availability(SKU, 1, 10);
            await().atMost(Duration.ofSeconds(15)).until(() -> stores.listedQuantity(WOO, "881") == 10);

            assertEquals(200, stores.sell(SHOP, "88801", 1).gatewayStatus());
            await().atMost(Duration.ofSeconds(15)).until(() -> stores.listedQuantity(WOO, "881") == 9);

            List<JsonNode> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                published.addAll(broker.drainBodies(lags));
                assertTrue(published.stream()
                        .anyMatch(m -> m.at("/payload/channelId").asText().equals(WOO)));
            });
            JsonNode woo = published.stream()
                    .filter(m -> m.at("/payload/channelId").asText().equals(WOO))
                    .findFirst()
                    .orElseThrow();
            assertEquals(RoutingKeys.SYNC_LAG_MEASURED, woo.get("type").asText());
            assertEquals(1, woo.at("/payload/samples").asInt());
            assertTrue(woo.at("/payload/p99Millis").asLong() >= 0);
            assertEquals(60, woo.at("/payload/windowSeconds").asLong());
            assertTrue(published.stream()
                    .noneMatch(m -> m.at("/payload/channelId").asText().equals(SHOP)));
        }
    }
}

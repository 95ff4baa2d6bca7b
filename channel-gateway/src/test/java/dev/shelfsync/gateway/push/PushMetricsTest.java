package dev.shelfsync.gateway.push;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.gateway.GatewayFixtures;
import dev.shelfsync.platform.testing.Scrape;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The push meters against simulated stores: the sync lag counts each sale once per other channel, never on the
 * selling channel, and pushes are counted by outcome; the backlog gauges cover every channel.
 */
@QuarkusTest
class PushMetricsTest {

    private static final String SHOP = "pm-shop";
    private static final String WOO = "pm-woo";
    private static final String SKU = "METRIC-1";
    private static final String LAG_COUNT = "shelfsync_gateway_sync_lag_seconds_count";
    private static final String PUSHES = "shelfsync_gateway_pushes_total";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aSaleIsMeasuredOnceOnEveryOtherChannelAndPushesAreCountedByOutcome() {
        try (MarketplaceSimulator stores = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(SHOP, "shopify", "pm1", gateway.toString(), 20).withListing("77701", 0),
                ChannelConfig.of(WOO, "woocommerce", "pm2", gateway.toString(), 20)
                        .withListing("771", 0)))) {
            GatewayFixtures.channel(SHOP, "shopify", "pm1", stores.apiBaseUrl(SHOP), 20, null);
            GatewayFixtures.channel(WOO, "woocommerce", "pm2", stores.apiBaseUrl(WOO), 20, null);
            GatewayFixtures.listing(SHOP, "77701", SKU, 1);
            GatewayFixtures.listing(WOO, "771", SKU, 1);
            GatewayFixtures.availability(SKU, 1, 10);
            awaitListed(stores, SHOP, "77701", 10);
            awaitListed(stores, WOO, "771", 10);
            assertEquals(0, lagCount(WOO), "no sale yet, nothing to measure");

            Sale sale = stores.sell(SHOP, "77701", 2);
            assertEquals(200, sale.gatewayStatus());
            awaitListed(stores, WOO, "771", 8);
            await().atMost(Duration.ofSeconds(5)).until(() -> lagCount(WOO) == 1);

            // Availability moves while the sale is still in flight: both stores are pushed again, the sale is
            // subtracted again, and it is still one measurement (and none on the store that sold it).
            GatewayFixtures.availability(SKU, 2, 9);
            awaitListed(stores, WOO, "771", 7);
            awaitListed(stores, SHOP, "77701", 7);
            assertEquals(1, lagCount(WOO));
            assertEquals(0, lagCount(SHOP));
            String metrics = Scrape.metrics();
            assertTrue(value(metrics, PUSHES, WOO, "outcome=\"ok\"") >= 3, metrics);
            assertEquals(0, value(metrics, PUSHES, WOO, "outcome=\"error\""));

            stores.failFor(WOO, 503, Duration.ofSeconds(1));
            GatewayFixtures.availability(SKU, 3, 8);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> value(Scrape.metrics(), PUSHES, WOO, "outcome=\"error\"") >= 1);
            awaitListed(stores, WOO, "771", 6);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String gauges = Scrape.metrics();
                assertEquals(0, value(gauges, "shelfsync_gateway_push_backlog_listings", WOO));
                assertTrue(value(gauges, "shelfsync_gateway_last_push_age_seconds", WOO) >= 0, gauges);
            });
        }
    }

    private static void awaitListed(MarketplaceSimulator stores, String channelId, String listingId, int quantity) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertEquals(quantity, stores.listedQuantity(channelId, listingId)));
    }

    private static double lagCount(String channelId) {
        return value(Scrape.metrics(), LAG_COUNT, channelId);
    }

    /** The sample for the channel; 0 when the channel has none yet. */
    private static double value(String metrics, String name, String channelId, String... labels) {
        String[] all = new String[labels.length + 1];
        all[0] = "channel=\"" + channelId + "\"";
        System.arraycopy(labels, 0, all, 1, labels.length);
        double value = Scrape.value(metrics, name, all);
        return Double.isNaN(value) ? 0 : value;
    }
}

package dev.shelfsync.gateway.reconcile;

import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.gateway.channel.Channel;
import dev.shelfsync.gateway.channel.ChannelRepository;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation reads every page of a channel's recent orders (Shopify {@code Link: rel="next"} with
 * {@code page_info}, WooCommerce {@code page} up to {@code X-WP-TotalPages}, Amazon {@code NextToken}), at most
 * {@code reconcileMaxPages} per sweep, the next sweep continuing where the last one stopped. The channels are
 * inactive so that only the sweeps these tests run touch them.
 */
@QuarkusTest
class ReconcilePagingTest {

    private static MarketplaceSimulator simulator;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    ChannelSweeper sweeper;

    @Inject
    ChannelRepository channels;

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void shopifyOrdersBehindLinkHeadersAreRecoveredOnce() throws Exception {
        threePagesAreRecoveredOnceOverTwoSweeps("pg-shop", "shopify", "88001");
    }

    @Test
    void wooCommerceOrdersOnLaterPagesAreRecoveredOnce() throws Exception {
        threePagesAreRecoveredOnceOverTwoSweeps("pg-woo", "woocommerce", "881");
    }

    @Test
    void amazonOrdersBehindNextTokensAreRecoveredOnce() throws Exception {
        threePagesAreRecoveredOnceOverTwoSweeps("pg-amz", "amazon", "PG-AMZ");
    }

    /**
     * Three orders whose webhooks never came, one per page, and at most two pages per sweep: the first sweep reads
     * pages 1 and 2 (the second order is only on page 2), the second continues at page 3, the third starts over and
     * finds nothing new.
     */
    private void threePagesAreRecoveredOnceOverTwoSweeps(String channelId, String type, String listingId)
            throws Exception {
        start();
        given().contentType("application/json")
                .body(
                        """
                        {"type":"%s","name":"%s","apiBaseUrl":"%s","rateLimitPerSecond":5,"active":false,
                         "credentials":{"webhookSecret":"pg-secret","apiToken":"pg-token"},
                         "settings":{"reconcileMaxPages":"2","amazonMarketplaceId":"A1PA6795UKMFR9"}}"""
                                .formatted(type, channelId, simulator.apiBaseUrl(channelId)))
                .put("/channels/" + channelId)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        listing(channelId, listingId, "PG-SKU", 2);
        simulator.orderPageSize(channelId, 1);
        Sale first = simulator.sellWithoutWebhook(channelId, listingId, 1);
        Sale second = simulator.sellWithoutWebhook(channelId, listingId, 2);
        Sale third = simulator.sellWithoutWebhook(channelId, listingId, 1);
        Channel channel = channels.find(channelId).await().atMost(Duration.ofSeconds(5));

        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sweep sweep = sweeper.sweep(channel);
            assertEquals(2, sweep.ordersSeen());
            assertEquals(2, sweep.ordersRecovered());
            sweep = sweeper.sweep(channel);
            assertEquals(1, sweep.ordersSeen());
            assertEquals(1, sweep.ordersRecovered());
            sweep = sweeper.sweep(channel);
            assertEquals(2, sweep.ordersSeen());
            assertEquals(0, sweep.ordersRecovered());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertEquals(1, received(events, first).size());
                assertEquals(1, received(events, second).size());
                assertEquals(1, received(events, third).size());
            });
            // The page-2 order is the order its webhook would have made: 2 listing units of a 2-pack.
            assertEquals(
                    4,
                    json(received(events, second).get(0))
                            .path("payload")
                            .path("lines")
                            .path(0)
                            .path("quantity")
                            .asInt());
            for (Sale sale : List.of(first, second, third)) {
                assertEquals(
                        1,
                        TestSupport.count(
                                "select count(*) from webhook_intake where channel_id = ? and delivery_id = ?",
                                channelId,
                                "reconcile:" + sale.externalOrderId()));
            }
        }
    }

    private void start() {
        if (simulator == null) {
            String url = gateway.toString();
            simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                    ChannelConfig.of("pg-shop", "shopify", "pg-secret", url, 5).withListing("88001", 30),
                    ChannelConfig.of("pg-woo", "woocommerce", "pg-secret", url, 5)
                            .withListing("881", 30),
                    ChannelConfig.of("pg-amz", "amazon", "pg-secret", url, 5).withListing("PG-AMZ", 30)));
        }
    }

    private static List<String> received(TestSupport.Capture events, Sale sale) {
        return events.matching("\"externalOrderId\":\"" + sale.externalOrderId() + "\"").stream()
                .filter(body -> body.contains("\"type\":\"channels.order-received\""))
                .toList();
    }
}

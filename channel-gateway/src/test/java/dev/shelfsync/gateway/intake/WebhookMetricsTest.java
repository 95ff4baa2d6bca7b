package dev.shelfsync.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Every webhook answer is counted by marketplace and outcome, refusals by their problem type. */
@QuarkusTest
class WebhookMetricsTest {

    private static final String WEBHOOKS = "shelfsync_gateway_webhooks_total";
    private static final String CHANNEL = "wm-shop";

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void acceptedDuplicateAndRefusedDeliveriesAreCountedApart() {
        try (MarketplaceSimulator store = MarketplaceSimulator.start(
                SimulatorConfig.of(ChannelConfig.of(CHANNEL, "shopify", "wm1", gateway.toString(), 20)
                        .withListing("88801", 5)))) {
            GatewayFixtures.channel(CHANNEL, "shopify", "wm1", store.apiBaseUrl(CHANNEL), 20, null);
            GatewayFixtures.listing(CHANNEL, "88801", "WEBHOOK-METRIC-1", 1);
            double accepted = count("outcome=\"accepted\"", "reason=\"accepted\"");
            double duplicate = count("outcome=\"duplicate\"", "reason=\"duplicate\"");
            double unsigned = count("outcome=\"refused\"", "reason=\"invalid-signature\"");
            double unknownChannel = count("outcome=\"refused\"", "reason=\"not-found\"");

            Sale sale = store.sell(CHANNEL, "88801", 1);
            assertEquals(200, sale.gatewayStatus());
            assertEquals(200, store.redeliver(CHANNEL, sale.deliveryId()));
            given().contentType("application/json")
                    .header("X-Shopify-Topic", "orders/create")
                    .header("X-Shopify-Webhook-Id", "unsigned-1")
                    .body("{\"id\": 1, \"line_items\": []}")
                    .post("/webhooks/shopify/" + CHANNEL)
                    .then()
                    .statusCode(401);
            given().contentType("application/json")
                    .body("{\"id\": 1}")
                    .post("/webhooks/shopify/no-such-channel")
                    .then()
                    .statusCode(404);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertEquals(accepted + 1, count("outcome=\"accepted\"", "reason=\"accepted\""));
                assertEquals(duplicate + 1, count("outcome=\"duplicate\"", "reason=\"duplicate\""));
                assertEquals(unsigned + 1, count("outcome=\"refused\"", "reason=\"invalid-signature\""));
                assertEquals(unknownChannel + 1, count("outcome=\"refused\"", "reason=\"not-found\""));
            });
        }
    }

    private static double count(String... labels) {
        String[] all = new String[labels.length + 1];
        all[0] = "marketplace=\"shopify\"";
        System.arraycopy(labels, 0, all, 1, labels.length);
        double value = Scrape.value(Scrape.metrics(), WEBHOOKS, all);
        return Double.isNaN(value) ? 0 : value;
    }
}

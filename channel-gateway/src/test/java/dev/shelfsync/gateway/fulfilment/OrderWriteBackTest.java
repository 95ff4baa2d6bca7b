package dev.shelfsync.gateway.fulfilment;

import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.envelope;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.AmazonFeed;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.OrderUpdate;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** orders.shipped and returns.refund-due become fulfilments and refunds on the (simulated) marketplaces. */
@QuarkusTest
class OrderWriteBackTest {

    @Inject
    OutboundCallSender sender;

    private static MarketplaceSimulator simulator;

    @TestHTTPResource("/")
    URL gateway;

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.stop();
        }
    }

    @Test
    void shipmentsBecomeFulfilmentsWithTrackingInEachMarketplacesShapeOnceEach() throws Exception {
        register();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale shop = simulator.sell("wb-shop", "66001", 2);
            Sale woo = simulator.sell("wb-woo", "661", 1);
            Sale amz = simulator.sell("wb-amz", "WB-AMZ", 3);
            String shopLine = lineId(events, shop.externalOrderId());
            String wooLine = lineId(events, woo.externalOrderId());
            String amzLine = lineId(events, amz.externalOrderId());

            String shopShipment = UUID.randomUUID().toString();
            shipped(shopShipment, "wb-shop", shop.externalOrderId(), "DHL", "JD0001", shopLine, "WB-SKU", 12);
            shipped(shopShipment, "wb-shop", shop.externalOrderId(), "DHL", "JD0001", shopLine, "WB-SKU", 12);
            shipped(
                    UUID.randomUUID().toString(),
                    "wb-woo",
                    woo.externalOrderId(),
                    "UPS",
                    "1Z999",
                    wooLine,
                    "WB-SKU",
                    1);
            shipped(UUID.randomUUID().toString(), "wb-amz", amz.externalOrderId(), "DPD", "0150", amzLine, "WB-SKU", 3);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertEquals(1, fulfilments("wb-shop", shop).size());
                assertEquals(1, fulfilments("wb-woo", woo).size());
                assertEquals(1, fulfilments("wb-amz", amz).size());
            });
            OrderUpdate shopFulfilment = fulfilments("wb-shop", shop).get(0);
            assertEquals(shop.externalOrderId(), shopFulfilment.externalOrderId());
            assertEquals("DHL", shopFulfilment.carrier());
            assertEquals("JD0001", shopFulfilment.trackingNumber());
            // 12 units of a 6-pack listing are 2 listing units on the Shopify line.
            assertEquals(Map.of(shopLine, 2), shopFulfilment.lines());
            assertEquals("1Z999", fulfilments("wb-woo", woo).get(0).trackingNumber());
            assertEquals(Map.of(wooLine, 1), fulfilments("wb-woo", woo).get(0).lines());
            assertEquals("0150", fulfilments("wb-amz", amz).get(0).trackingNumber());
            assertEquals(Map.of(amzLine, 3), fulfilments("wb-amz", amz).get(0).lines());

            // A second event for a shipment Shopify already holds finds nothing left open and creates nothing.
            shipped(
                    UUID.randomUUID().toString(),
                    "wb-shop",
                    shop.externalOrderId(),
                    "DHL",
                    "JD0001",
                    shopLine,
                    "WB-SKU",
                    12);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> TestSupport.count(
                                    "select count(*) from outbound_call where channel_id = 'wb-shop'"
                                            + " and kind = 'fulfilment' and external_order_id = ? and status = 'sent'",
                                    shop.externalOrderId())
                            == 2);
            assertEquals(1, fulfilments("wb-shop", shop).size());
            assertEquals(
                    1,
                    TestSupport.count("select count(*) from outbound_call where source_message_id = ?", shopShipment));
        }
    }

    @Test
    void refundsReachShopifyWooCommerceAndAmazonOnceEach() throws Exception {
        register();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale shop = simulator.sell("wb-shop", "66001", 1);
            Sale woo = simulator.sell("wb-woo", "661", 2);
            Sale amz = simulator.sell("wb-amz", "WB-AMZ", 3);
            String shopLine = lineId(events, shop.externalOrderId());
            String wooLine = lineId(events, woo.externalOrderId());
            String amzLine = lineId(events, amz.externalOrderId());

            String shopRefund = UUID.randomUUID().toString();
            refund(shopRefund, "RMA-1", "wb-shop", shop.externalOrderId(), "WB-SKU", 6);
            refund(shopRefund, "RMA-1", "wb-shop", shop.externalOrderId(), "WB-SKU", 6);
            refund(UUID.randomUUID().toString(), "RMA-2", "wb-woo", woo.externalOrderId(), "WB-SKU", 1);
            String amzRefund = UUID.randomUUID().toString();
            refund(amzRefund, "RMA-3", "wb-amz", amz.externalOrderId(), "WB-SKU", 2);
            refund(amzRefund, "RMA-3", "wb-amz", amz.externalOrderId(), "WB-SKU", 2);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertEquals(1, refunds("wb-shop", shop.externalOrderId()).size());
                assertEquals(1, refunds("wb-woo", woo.externalOrderId()).size());
                assertEquals("sent", status(amzRefund));
            });
            OrderUpdate shopRefundCall =
                    refunds("wb-shop", shop.externalOrderId()).get(0);
            assertEquals(Map.of(shopLine, 1), shopRefundCall.lines());
            assertEquals("Shelfsync return RMA-1", shopRefundCall.reference());
            OrderUpdate wooRefundCall = refunds("wb-woo", woo.externalOrderId()).get(0);
            assertEquals(Map.of(wooLine, 1), wooRefundCall.lines());

            // Amazon: one payment-adjustment feed refunding 2 of the 3 units at 19.90 each.
            List<AmazonFeed> feeds = feeds(amz.externalOrderId());
            assertEquals(1, feeds.size());
            AmazonFeed feed = feeds.get(0);
            assertEquals("POST_PAYMENT_ADJUSTMENT_DATA", feed.feedType());
            assertEquals(List.of("A1PA6795UKMFR9"), feed.marketplaceIds());
            assertEquals(List.of(), feed.errors());
            assertTrue(feed.document().contains("<MerchantIdentifier>WBSELLER</MerchantIdentifier>"), feed.document());
            assertTrue(feed.document().contains("<AmazonOrderItemCode>" + amzLine + "</AmazonOrderItemCode>"));
            assertTrue(feed.document().contains("<AdjustmentReason>CustomerReturn</AdjustmentReason>"));
            assertTrue(feed.document().contains("<Type>Principal</Type><Amount currency=\"EUR\">39.80</Amount>"));
            assertEquals(
                    List.of(Map.of(amzLine, 2)),
                    refunds("wb-amz", amz.externalOrderId()).stream()
                            .map(OrderUpdate::lines)
                            .toList());
            assertEquals(
                    feed.feedId(),
                    refunds("wb-amz", amz.externalOrderId()).get(0).reference());
            assertEquals(
                    feed.feedId(),
                    TestSupport.text(
                            "select result->>'feedId' from outbound_call where source_message_id = ?", amzRefund));

            // The row is claimed again (a sender died before recording success): it finds its feed, creates none.
            TestSupport.update(
                    "update outbound_call set status = 'pending', next_attempt_at = now() where source_message_id = ?",
                    amzRefund);
            // A claim that really ran out is found by the sender's due timer (the claim set next_attempt_at); this
            // rewrite happens behind its back, so the sender is told, as a stored call would.
            sender.wake();
            await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(status(amzRefund)));
            assertEquals(1, feeds(amz.externalOrderId()).size());
            assertEquals(1, refunds("wb-amz", amz.externalOrderId()).size());
        }
    }

    @Test
    void aFailingCreateFeedIsRetriedAndALostAnswerCreatesNoSecondFeed() throws Exception {
        register();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale first = simulator.sell("wb-amz", "WB-AMZ", 1);
            String firstLine = lineId(events, first.externalOrderId());
            simulator.failNextCreateFeeds("wb-amz", 2, false);
            String retried = UUID.randomUUID().toString();
            refund(retried, "RMA-4", "wb-amz", first.externalOrderId(), "WB-SKU", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> "sent".equals(status(retried)));
            assertEquals(
                    3, TestSupport.count("select attempts from outbound_call where source_message_id = ?", retried));
            assertEquals(1, feeds(first.externalOrderId()).size());
            assertEquals(
                    List.of(Map.of(firstLine, 1)),
                    refunds("wb-amz", first.externalOrderId()).stream()
                            .map(OrderUpdate::lines)
                            .toList());

            // Amazon creates the feed but the answer is lost: the retry finds a feed it cannot account for and stops
            // for a person to check rather than refunding twice.
            Sale second = simulator.sell("wb-amz", "WB-AMZ", 1);
            lineId(events, second.externalOrderId());
            simulator.failNextCreateFeeds("wb-amz", 1, true);
            String lost = UUID.randomUUID().toString();
            refund(lost, "RMA-5", "wb-amz", second.externalOrderId(), "WB-SKU", 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> "rejected".equals(status(lost)));
            assertTrue(TestSupport.text("select last_error from outbound_call where source_message_id = ?", lost)
                    .contains("check them in Seller Central"));
            assertEquals(1, feeds(second.externalOrderId()).size());
            assertEquals(1, refunds("wb-amz", second.externalOrderId()).size());
        }
    }

    @Test
    void aShipmentDuringAnOutageIsDeliveredAfterRetries() throws Exception {
        register();
        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            Sale woo = simulator.sell("wb-woo", "661", 1);
            String wooLine = lineId(events, woo.externalOrderId());
            simulator.failFor("wb-woo", 503, Duration.ofMillis(1500));
            String id = UUID.randomUUID().toString();
            shipped(id, "wb-woo", woo.externalOrderId(), "GLS", "GLS-42", wooLine, "WB-SKU", 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> simulator.orderUpdates("wb-woo").stream()
                    .anyMatch(update -> "GLS-42".equals(update.trackingNumber())));
            assertTrue(TestSupport.count("select attempts from outbound_call where source_message_id = ?", id) > 1);
            assertEquals(
                    1,
                    simulator.orderUpdates("wb-woo").stream()
                            .filter(update -> "GLS-42".equals(update.trackingNumber()))
                            .count());
        }
    }

    @Test
    void poisonShipmentIsParked() throws Exception {
        String id = UUID.randomUUID().toString();
        TestSupport.publish(
                "orders",
                "orders.shipped",
                id,
                envelope(id, "orders.shipped", "{\"orderId\":\"o\",\"channelId\":null,\"externalOrderId\":null}"));
        try (var connection = TestSupport.amqp();
                var channel = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                var message = channel.basicGet("gateway.order-shipped.parking", true);
                return message != null && new String(message.getBody()).contains(id);
            });
        }
    }

    private void register() {
        if (simulator == null) {
            String url = gateway.toString();
            simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                    ChannelConfig.of("wb-shop", "shopify", "w1", url, 5).withListing("66001", 50),
                    ChannelConfig.of("wb-woo", "woocommerce", "w2", url, 5).withListing("661", 50),
                    ChannelConfig.of("wb-amz", "amazon", "w3", url, 5).withListing("WB-AMZ", 50)));
        }
        channel("wb-shop", "shopify", "w1", simulator.apiBaseUrl("wb-shop"), 5, null);
        channel("wb-woo", "woocommerce", "w2", simulator.apiBaseUrl("wb-woo"), 5, null);
        channel(
                "wb-amz",
                "amazon",
                "w3",
                simulator.apiBaseUrl("wb-amz"),
                5,
                "{\"amazonSellerId\":\"WBSELLER\",\"amazonMarketplaceId\":\"A1PA6795UKMFR9\"}");
        listing("wb-shop", "66001", "WB-SKU", 6);
        listing("wb-woo", "661", "WB-SKU", 1);
        listing("wb-amz", "WB-AMZ", "WB-SKU", 1);
    }

    private static String lineId(TestSupport.Capture events, String externalOrderId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.matching("\"externalOrderId\":\"" + externalOrderId + "\"")
                        .isEmpty());
        JsonNode event = json(events.matching("\"externalOrderId\":\"" + externalOrderId + "\"")
                .get(0));
        return event.path("payload").path("lines").path(0).path("lineId").asText();
    }

    private static void shipped(
            String id,
            String channelId,
            String externalOrderId,
            String carrier,
            String tracking,
            String lineId,
            String sku,
            int units) {
        TestSupport.publish(
                "orders",
                "orders.shipped",
                id,
                envelope(
                        id,
                        "orders.shipped",
                        """
                        {"orderId":"ord-%s","channelId":"%s","externalOrderId":"%s","locationId":"wh-1",
                         "carrier":"%s","trackingNumber":"%s","lines":[{"lineId":"%s","sku":"%s","quantity":%d}]}"""
                                .formatted(
                                        externalOrderId,
                                        channelId,
                                        externalOrderId,
                                        carrier,
                                        tracking,
                                        lineId,
                                        sku,
                                        units)));
    }

    private static void refund(String id, String rma, String channelId, String externalOrderId, String sku, int units) {
        TestSupport.publish(
                "returns",
                "returns.refund-due",
                id,
                envelope(
                        id,
                        "returns.refund-due",
                        """
                        {"rmaId":"%s","channelId":"%s","externalOrderId":"%s","lines":[{"sku":"%s","quantity":%d}]}"""
                                .formatted(rma, channelId, externalOrderId, sku, units)));
    }

    private static List<OrderUpdate> fulfilments(String channelId, Sale sale) {
        return simulator.orderUpdates(channelId).stream()
                .filter(update -> update.kind().equals("fulfilment")
                        && update.externalOrderId().equals(sale.externalOrderId()))
                .toList();
    }

    private static String status(String sourceMessageId) {
        return TestSupport.text("select status from outbound_call where source_message_id = ?", sourceMessageId);
    }

    private static List<AmazonFeed> feeds(String amazonOrderId) {
        return simulator.amazonFeeds("wb-amz").stream()
                .filter(feed -> feed.document().contains("<AmazonOrderID>" + amazonOrderId + "</AmazonOrderID>"))
                .toList();
    }

    private static List<OrderUpdate> refunds(String channelId, String externalOrderId) {
        return simulator.orderUpdates(channelId).stream()
                .filter(update -> update.kind().equals("refund")
                        && update.externalOrderId().equals(externalOrderId))
                .toList();
    }
}

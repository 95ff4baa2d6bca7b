package dev.shelfsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketplaceSimulatorTest {

    private static final String SECRET = "test-webhook-secret";
    private static final String ETSY_SECRET = "whsec_c2ltdWxhdGVkLWV0c3ktc2lnbmluZy1rZXktMDE=";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private HttpServer gateway;
    private MarketplaceSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            bodies.add(body);
            received.add(Map.of(
                    "path", exchange.getRequestURI().getPath(),
                    "hmac", String.valueOf(exchange.getRequestHeaders().getFirst("X-Shopify-Hmac-Sha256")),
                    "wc", String.valueOf(exchange.getRequestHeaders().getFirst("X-WC-Webhook-Signature")),
                    "topic", String.valueOf(exchange.getRequestHeaders().getFirst("X-Shopify-Topic")),
                    "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    "webhook-timestamp",
                            String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                    "webhook-signature",
                            String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature"))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        String gatewayUrl = "http://127.0.0.1:" + gateway.getAddress().getPort();
        simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of("shop", "shopify", SECRET, gatewayUrl, 2).withListing("4711", 2),
                ChannelConfig.of("woo", "woocommerce", SECRET, gatewayUrl, 5).withListing("799", 1),
                ChannelConfig.of("amz", "amazon", SECRET, gatewayUrl, 5).withListing("MUG-01", 3),
                ChannelConfig.of("etsy", "etsy", ETSY_SECRET, gatewayUrl, 2).withListing("1543210987", 3)));
    }

    @AfterEach
    void stop() {
        simulator.stop();
        gateway.stop(0);
    }

    @Test
    void sellsOnlyWhatItShowsAndSendsASignedShopifyWebhook() throws Exception {
        Sale first = simulator.sell("shop", "4711", 2);
        Sale second = simulator.sell("shop", "4711", 1);

        assertTrue(first.sold());
        assertEquals(200, first.gatewayStatus());
        assertFalse(second.sold());
        assertEquals(0, simulator.listedQuantity("shop", "4711"));
        assertEquals(1, received.size());
        assertEquals("/webhooks/shopify/shop", received.get(0).get("path"));
        assertEquals("orders/create", received.get(0).get("topic"));
        assertEquals(
                Signatures.hmacSha256Base64(SECRET, bodies.get(0)),
                received.get(0).get("hmac"));
        JsonNode order = mapper.readTree(bodies.get(0));
        assertEquals(4711, order.path("line_items").path(0).path("variant_id").asLong());
        assertEquals(2, order.path("line_items").path(0).path("quantity").asInt());
        assertEquals("DE", order.path("shipping_address").path("country_code").asText());

        assertEquals(200, simulator.redeliver("shop", first.deliveryId()));
        assertEquals(2, received.size());
        assertEquals(new String(bodies.get(0)), new String(bodies.get(1)));
    }

    @Test
    void anotherWebhookForAnOrderIsSignedUnderANewDeliveryIdAndNamesTheSameOrder() throws Exception {
        Sale shop = simulator.sellWithoutWebhook("shop", "4711", 1);
        Sale amz = simulator.sellWithoutWebhook("amz", "MUG-01", 1);

        assertEquals(200, simulator.sendAnother("shop", shop.deliveryId(), true));
        assertEquals(200, simulator.sendAnother("amz", amz.deliveryId(), false));
        assertEquals(200, simulator.redeliver("amz", amz.deliveryId()));

        assertEquals("orders/updated", received.get(0).get("topic"));
        assertEquals(
                Signatures.hmacSha256Base64(SECRET, bodies.get(0)),
                received.get(0).get("hmac"));
        assertEquals(
                shop.externalOrderId(),
                mapper.readTree(bodies.get(0)).path("id").asText());
        JsonNode copy = mapper.readTree(bodies.get(1));
        JsonNode original = mapper.readTree(bodies.get(2));
        assertEquals(
                amz.externalOrderId(),
                copy.path("Payload")
                        .path("OrderChangeNotification")
                        .path("AmazonOrderId")
                        .asText());
        assertEquals(
                amz.deliveryId(),
                original.path("NotificationMetadata").path("NotificationId").asText());
        assertNotEquals(
                amz.deliveryId(),
                copy.path("NotificationMetadata").path("NotificationId").asText());
    }

    @Test
    void woocommerceWebhookIsSignedWithTheWooHeader() {
        assertTrue(simulator.sell("woo", "799", 1).sold());
        assertEquals("/webhooks/woocommerce/woo", received.get(0).get("path"));
        assertEquals(
                Signatures.hmacSha256Base64(SECRET, bodies.get(0)),
                received.get(0).get("wc"));
    }

    @Test
    void acceptsShopifyInventorySetQuantitiesWithVersionsAndThrottlesBeyondTheRate() throws Exception {
        String body =
                """
                {"query":"mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) { x }",
                 "variables":{"input":{"name":"available","reason":"correction","ignoreCompareQuantity":true,
                 "quantities":[{"inventoryItemId":"gid://shopify/InventoryItem/4711",
                                "locationId":"gid://shopify/Location/1","quantity":7}]}}}""";
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(simulator.apiBaseUrl("shop") + "/admin/api/2025-01/graphql.json"))
                .header("Content-Type", "application/json")
                .header("X-Shelfsync-Versions", "4711=12")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> third = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, first.statusCode());
        assertTrue(first.body().contains("\"userErrors\":[]"));
        assertEquals(200, second.statusCode());
        assertEquals(429, third.statusCode());
        assertEquals("1", third.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(7, simulator.listedQuantity("shop", "4711"));
        assertEquals(
                new Push(null, "4711", 7, 12L).version(),
                simulator.pushes("shop").get(0).version());
        assertEquals(2, simulator.pushes("shop").size());
        assertEquals(1, simulator.rejectedRequests("shop"));
    }

    @Test
    void acceptsWooBatchAndAmazonPatchAndInjectedFailures() throws Exception {
        HttpResponse<String> woo = http.send(
                HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl("woo") + "/wp-json/wc/v3/products/batch"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"update\":[{\"id\":799,\"stock_quantity\":4,\"manage_stock\":true}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, woo.statusCode());
        assertEquals(4, simulator.listedQuantity("woo", "799"));
        assertNull(simulator.pushes("woo").get(0).version());

        simulator.failFor("amz", 500, Duration.ofMinutes(1));
        HttpRequest patch = HttpRequest.newBuilder(URI.create(
                        simulator.apiBaseUrl("amz") + "/listings/2021-08-01/items/SIMSELLER/MUG-01?marketplaceIds=X"))
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"productType\":\"PRODUCT\",\"patches\":[{\"op\":\"replace\","
                                        + "\"path\":\"/attributes/fulfillment_availability\","
                                        + "\"value\":[{\"fulfillment_channel_code\":\"DEFAULT\",\"quantity\":9}]}]}"))
                .header("X-Shelfsync-Versions", "MUG-01=3")
                .build();
        assertEquals(500, http.send(patch, HttpResponse.BodyHandlers.ofString()).statusCode());
        simulator.failFor("amz", 500, Duration.ZERO);
        HttpResponse<String> ok = http.send(patch, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("ACCEPTED"));
        assertEquals(9, simulator.listedQuantity("amz", "MUG-01"));
        assertEquals(3L, simulator.pushes("amz").get(0).version());
    }

    @Test
    void aHangingChannelAnswersNothingUntilTheHangIsOver() throws Exception {
        simulator.hangFor("amz", Duration.ofMinutes(1));
        HttpRequest read = HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl("amz") + "/orders/v0/orders"))
                .timeout(Duration.ofMillis(500))
                .build();
        assertThrows(HttpTimeoutException.class, () -> http.send(read, HttpResponse.BodyHandlers.ofString()));
        simulator.hangFor("amz", Duration.ZERO);
        assertNotEquals(0, http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void controlApiReportsListings() throws Exception {
        HttpResponse<String> listings = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + "/_sim/shop/listings"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, listings.statusCode());
        assertEquals(2, mapper.readTree(listings.body()).path("4711").asInt());
        HttpResponse<String> sale = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + "/_sim/shop/sell"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"listingId\":\"4711\",\"quantity\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, sale.statusCode());
        assertTrue(mapper.readTree(sale.body()).path("sold").asBoolean());
        assertEquals(1, simulator.listedQuantity("shop", "4711"));
    }

    @Test
    void aSaleWithoutWebhookIsOnlyInTheOrderApisAndFulfilmentsAreRecordedOnce() throws Exception {
        Sale shop = simulator.sellWithoutWebhook("shop", "4711", 1);
        Sale woo = simulator.sellWithoutWebhook("woo", "799", 1);
        Sale amz = simulator.sellWithoutWebhook("amz", "MUG-01", 2);
        assertTrue(shop.sold());
        assertEquals(0, shop.gatewayStatus());
        assertTrue(received.isEmpty());

        JsonNode shopOrders = call(
                "GET", "shop", "/admin/api/2025-01/orders.json?status=any&updated_at_min=2020-01-01T00:00:00Z", null);
        assertEquals(
                shop.externalOrderId(),
                shopOrders.path("orders").path(0).path("id").asText());
        JsonNode wooOrders = call("GET", "woo", "/wp-json/wc/v3/orders?after=2020-01-01T00:00:00", null);
        assertEquals(woo.externalOrderId(), wooOrders.path(0).path("id").asText());
        JsonNode amzOrders = call(
                "GET",
                "amz",
                "/orders/v0/orders?MarketplaceIds=A1PA6795UKMFR9&LastUpdatedAfter=2020-01-01T00:00:00Z",
                null);
        assertEquals(
                amz.externalOrderId(),
                amzOrders
                        .path("payload")
                        .path("Orders")
                        .path(0)
                        .path("AmazonOrderId")
                        .asText());
        JsonNode items = call("GET", "amz", "/orders/v0/orders/" + amz.externalOrderId() + "/orderItems", null);
        assertEquals(
                2,
                items.path("payload")
                        .path("OrderItems")
                        .path(0)
                        .path("QuantityOrdered")
                        .asInt());
        assertEquals(1, simulator.orderReads("shop"));

        // Shopify: fulfillment orders, then fulfillmentCreate; nothing is left to fulfil the second time.
        String gid = "gid://shopify/Order/" + shop.externalOrderId();
        JsonNode open = call(
                "POST",
                "shop",
                "/admin/api/2026-01/graphql.json",
                mapper.createObjectNode()
                        .put("query", "query fulfillmentOrders($id: ID!) { order(id: $id) { id } }")
                        .set("variables", mapper.createObjectNode().put("id", gid)));
        JsonNode fulfillmentOrder = open.path("data")
                .path("order")
                .path("fulfillmentOrders")
                .path("nodes")
                .path(0);
        JsonNode item = fulfillmentOrder.path("lineItems").path("nodes").path(0);
        assertEquals(1, item.path("remainingQuantity").asInt());
        String create =
                "{\"query\":\"mutation fulfillmentCreate($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { message } } }\","
                        + "\"variables\":{\"fulfillment\":{\"lineItemsByFulfillmentOrder\":[{\"fulfillmentOrderId\":\""
                        + fulfillmentOrder.path("id").asText()
                        + "\",\"fulfillmentOrderLineItems\":[{\"id\":\""
                        + item.path("id").asText() + "\",\"quantity\":1}]}],"
                        + "\"trackingInfo\":{\"company\":\"DHL\",\"number\":\"JD1\"}}}}";
        JsonNode created = call("POST", "shop", "/admin/api/2026-01/graphql.json", mapper.readTree(create));
        assertEquals(
                0,
                created.path("data")
                        .path("fulfillmentCreate")
                        .path("userErrors")
                        .size());
        JsonNode again = call("POST", "shop", "/admin/api/2026-01/graphql.json", mapper.readTree(create));
        assertEquals(
                1,
                again.path("data").path("fulfillmentCreate").path("userErrors").size());
        assertEquals(1, simulator.orderUpdates("shop").size());
        assertEquals("JD1", simulator.orderUpdates("shop").get(0).trackingNumber());

        // Amazon: the same package reference twice is one shipment.
        String confirm =
                "{\"marketplaceId\":\"A1PA6795UKMFR9\",\"packageDetail\":{\"packageReferenceId\":\"p1\",\"carrierCode\":\"DPD\",\"trackingNumber\":\"T1\",\"orderItems\":[]}}";
        call(
                "POST",
                "amz",
                "/orders/v0/orders/" + amz.externalOrderId() + "/shipmentConfirmation",
                mapper.readTree(confirm));
        call(
                "POST",
                "amz",
                "/orders/v0/orders/" + amz.externalOrderId() + "/shipmentConfirmation",
                mapper.readTree(confirm));
        assertEquals(1, simulator.orderUpdates("amz").size());
    }

    @Test
    void orderListsComeInPagesAsEachMarketplacePagesThem() throws Exception {
        simulator.orderPageSize("shop", 1);
        simulator.orderPageSize("woo", 1);
        simulator.orderPageSize("amz", 1);
        simulator.setListedQuantity("shop", "4711", 5);
        simulator.setListedQuantity("woo", "799", 5);
        String shopFirst = simulator.sellWithoutWebhook("shop", "4711", 1).externalOrderId();
        String shopSecond = simulator.sellWithoutWebhook("shop", "4711", 1).externalOrderId();
        simulator.sellWithoutWebhook("woo", "799", 1);
        String wooSecond = simulator.sellWithoutWebhook("woo", "799", 1).externalOrderId();
        simulator.sellWithoutWebhook("amz", "MUG-01", 1);
        String amzSecond = simulator.sellWithoutWebhook("amz", "MUG-01", 1).externalOrderId();

        // Shopify: the next page only behind Link rel="next"; a page_info request takes no other filter.
        HttpResponse<String> page1 = raw("shop", "/admin/api/2025-01/orders.json?status=any&limit=250");
        assertEquals(
                shopFirst,
                mapper.readTree(page1.body()).path("orders").path(0).path("id").asText());
        String link = page1.headers().firstValue("Link").orElseThrow();
        assertTrue(link.endsWith("rel=\"next\""), link);
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        assertTrue(next.startsWith(simulator.apiBaseUrl("shop") + "/admin/api/2025-01/orders.json?limit=1&page_info="));
        HttpResponse<String> page2 =
                raw("shop", next.substring(simulator.apiBaseUrl("shop").length()));
        assertEquals(
                shopSecond,
                mapper.readTree(page2.body()).path("orders").path(0).path("id").asText());
        assertFalse(page2.headers().firstValue("Link").orElseThrow().contains("rel=\"next\""));
        assertEquals(
                400,
                raw("shop", next.substring(simulator.apiBaseUrl("shop").length()) + "&status=any")
                        .statusCode());

        // WooCommerce: page and per_page, with the totals in headers.
        HttpResponse<String> woo = raw("woo", "/wp-json/wc/v3/orders?per_page=100&page=2");
        assertEquals("2", woo.headers().firstValue("X-WP-TotalPages").orElseThrow());
        assertEquals("2", woo.headers().firstValue("X-WP-Total").orElseThrow());
        assertEquals(wooSecond, mapper.readTree(woo.body()).path(0).path("id").asText());

        // Amazon: NextToken in the payload, and MarketplaceIds on every call.
        JsonNode amz = mapper.readTree(
                raw("amz", "/orders/v0/orders?MarketplaceIds=A1PA6795UKMFR9").body());
        String token = amz.path("payload").path("NextToken").asText();
        JsonNode amzPage2 = mapper.readTree(raw(
                        "amz",
                        "/orders/v0/orders?MarketplaceIds=A1PA6795UKMFR9&NextToken="
                                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8))
                .body());
        assertEquals(
                amzSecond,
                amzPage2.path("payload")
                        .path("Orders")
                        .path(0)
                        .path("AmazonOrderId")
                        .asText());
        assertTrue(amzPage2.path("payload").path("NextToken").isMissingNode());
        assertEquals(400, raw("amz", "/orders/v0/orders?NextToken=" + token).statusCode());
    }

    @Test
    void amazonRefundFeedsUploadToASignedUrlWithoutTheTokenAndRefundWholeUnitsOnce() throws Exception {
        Sale sale = simulator.sellWithoutWebhook("amz", "MUG-01", 2);
        JsonNode item = call("GET", "amz", "/orders/v0/orders/" + sale.externalOrderId() + "/orderItems", null)
                .path("payload")
                .path("OrderItems")
                .path(0);
        assertEquals("EUR", item.path("ItemPrice").path("CurrencyCode").asText());
        assertEquals("39.80", item.path("ItemPrice").path("Amount").asText());
        String itemId = item.path("OrderItemId").asText();

        JsonNode document = call(
                "POST",
                "amz",
                "/feeds/2021-06-30/documents",
                mapper.createObjectNode().put("contentType", "text/xml; charset=UTF-8"));
        String url = document.path("url").asText();
        assertTrue(url.startsWith(simulator.apiBaseUrl("amz")) && url.contains("X-Amz-Signature="), url);
        String xml = adjustment(sale.externalOrderId(), itemId, "19.90");
        assertEquals(403, upload(url, "text/xml; charset=UTF-8", xml, true).statusCode());
        assertEquals(403, upload(url, "application/xml", xml, false).statusCode());
        assertEquals(
                403,
                upload(
                                url.replaceAll("X-Amz-Signature=\\w+", "X-Amz-Signature=0"),
                                "text/xml; charset=UTF-8",
                                xml,
                                false)
                        .statusCode());
        assertEquals(200, upload(url, "text/xml; charset=UTF-8", xml, false).statusCode());

        var feedRequest = mapper.createObjectNode();
        feedRequest.put("feedType", "POST_PAYMENT_ADJUSTMENT_DATA");
        feedRequest.putArray("marketplaceIds").add("A1PA6795UKMFR9");
        feedRequest.put("inputFeedDocumentId", document.path("feedDocumentId").asText());
        String feedId = call("POST", "amz", "/feeds/2021-06-30/feeds", feedRequest)
                .path("feedId")
                .asText();
        assertEquals(
                List.of(Map.of(itemId, 1)),
                simulator.orderUpdates("amz").stream()
                        .filter(update -> update.kind().equals("refund"))
                        .map(OrderUpdate::lines)
                        .toList());
        assertEquals(feedId, simulator.orderUpdates("amz").get(0).reference());
        assertEquals(
                feedId,
                call("GET", "amz", "/feeds/2021-06-30/feeds?feedTypes=POST_PAYMENT_ADJUSTMENT_DATA", null)
                        .path("feeds")
                        .path(0)
                        .path("feedId")
                        .asText());

        // Two more units than are left, and a part of a unit: processing errors, no refund.
        for (String amount : new String[] {"39.80", "10.00"}) {
            JsonNode next = call(
                    "POST",
                    "amz",
                    "/feeds/2021-06-30/documents",
                    mapper.createObjectNode().put("contentType", "text/xml; charset=UTF-8"));
            String nextXml = adjustment(sale.externalOrderId(), itemId, amount);
            assertEquals(
                    200,
                    upload(next.path("url").asText(), "text/xml; charset=UTF-8", nextXml, false)
                            .statusCode());
            feedRequest.put("inputFeedDocumentId", next.path("feedDocumentId").asText());
            call("POST", "amz", "/feeds/2021-06-30/feeds", feedRequest);
        }
        assertEquals(3, simulator.amazonFeeds("amz").size());
        assertTrue(simulator.amazonFeeds("amz").get(0).errors().isEmpty());
        assertFalse(simulator.amazonFeeds("amz").get(1).errors().isEmpty());
        assertFalse(simulator.amazonFeeds("amz").get(2).errors().isEmpty());
        assertEquals(1, simulator.orderUpdates("amz").size());
    }

    private static String adjustment(String orderId, String itemId, String principal) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion>
                <MerchantIdentifier>SIMSELLER</MerchantIdentifier></Header>
                <MessageType>OrderAdjustment</MessageType><Message><MessageID>1</MessageID><OrderAdjustment>
                <AmazonOrderID>%s</AmazonOrderID><AdjustedItem><AmazonOrderItemCode>%s</AmazonOrderItemCode>
                <AdjustmentReason>CustomerReturn</AdjustmentReason><ItemPriceAdjustments><Component>
                <Type>Principal</Type><Amount currency="EUR">%s</Amount></Component></ItemPriceAdjustments>
                </AdjustedItem></OrderAdjustment></Message></AmazonEnvelope>"""
                .formatted(orderId, itemId, principal);
    }

    private HttpResponse<String> upload(String url, String contentType, String xml, boolean withToken)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(xml));
        if (withToken) {
            request.header("x-amz-access-token", "Atza|simulated");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> raw(String channel, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl(channel) + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void etsySaleSendsAStandardWebhooksSignedReceiptReferenceAndServesTheReceipt() throws Exception {
        Sale sale = simulator.sell("etsy", "1543210987", 2);

        assertTrue(sale.sold());
        Map<String, String> headers = received.get(0);
        assertEquals("/webhooks/etsy/etsy", headers.get("path"));
        assertEquals(sale.deliveryId(), headers.get("webhook-id"));
        // Signed content is id.timestamp.body with the base64 key after whsec_, sent as v1,<base64>.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                java.util.Base64.getDecoder().decode(ETSY_SECRET.substring(6)), "HmacSHA256"));
        mac.update((headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + ".")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(bodies.get(0))),
                headers.get("webhook-signature"));
        JsonNode event = mapper.readTree(bodies.get(0));
        assertEquals("order.paid", event.path("event_type").asText());
        assertEquals(ChannelConfig.ETSY_SHOP_ID, event.path("shop_id").asText());
        String receiptPath =
                "/v3/application/shops/" + ChannelConfig.ETSY_SHOP_ID + "/receipts/" + sale.externalOrderId();
        assertTrue(event.path("resource_url").asText().endsWith(receiptPath));

        JsonNode receipt = call("GET", "etsy", receiptPath, null);
        assertEquals("paid", receipt.path("status").asText());
        JsonNode transaction = receipt.path("transactions").path(0);
        assertEquals(1543210987L, transaction.path("listing_id").asLong());
        assertEquals(2, transaction.path("quantity").asInt());
        assertEquals("DE", receipt.path("country_iso").asText());
        JsonNode recent = call(
                "GET",
                "etsy",
                "/v3/application/shops/" + ChannelConfig.ETSY_SHOP_ID + "/receipts?min_last_modified=0&limit=100",
                null);
        assertEquals(
                sale.externalOrderId(),
                recent.path("results").path(0).path("receipt_id").asText());

        call(
                "POST",
                "etsy",
                receiptPath + "/tracking",
                mapper.readTree("{\"tracking_code\":\"JJD0099\",\"carrier_name\":\"dhl\"}"));
        OrderUpdate tracking = simulator.orderUpdates("etsy").get(0);
        assertEquals("JJD0099", tracking.trackingNumber());
        assertEquals(Map.of(transaction.path("transaction_id").asText(), 2), tracking.lines());
        assertEquals(
                "JJD0099",
                call("GET", "etsy", receiptPath, null)
                        .path("shipments")
                        .path(0)
                        .path("tracking_code")
                        .asText());
    }

    @Test
    void etsyInventoryIsReadAndReplacedWithPricedOfferingsWithinTheRate() throws Exception {
        JsonNode inventory = call("GET", "etsy", "/v3/application/listings/1543210987/inventory", null);
        JsonNode offering = inventory.path("products").path(0).path("offerings").path(0);
        assertEquals(3, offering.path("quantity").asInt());
        assertEquals(1990, offering.path("price").path("amount").asInt());

        String priced =
                "{\"products\":[{\"property_values\":[],\"offerings\":[{\"price\":19.9,\"quantity\":%d,\"is_enabled\":true}]}],"
                        + "\"price_on_property\":[],\"quantity_on_property\":[],\"sku_on_property\":[]}";
        HttpResponse<String> withoutPrice = putInventory("{\"products\":[{\"offerings\":[{\"quantity\":5}]}]}", 4);
        assertEquals(400, withoutPrice.statusCode());
        assertEquals(200, putInventory(priced.formatted(5), 5).statusCode());
        assertEquals(200, putInventory(priced.formatted(6), 6).statusCode());
        HttpResponse<String> third = putInventory(priced.formatted(7), 7);

        assertEquals(429, third.statusCode());
        assertEquals(6, simulator.listedQuantity("etsy", "1543210987"));
        assertEquals(
                List.of(5L, 6L),
                simulator.pushes("etsy").stream().map(Push::version).toList());
    }

    private HttpResponse<String> putInventory(String body, long version) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                simulator.apiBaseUrl("etsy") + "/v3/application/listings/1543210987/inventory"))
                        .header("Content-Type", "application/json")
                        .header("X-Shelfsync-Versions", "1543210987=" + version)
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String channel, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.apiBaseUrl(channel) + path));
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, "HTTP " + response.statusCode() + " " + response.body());
        return response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
    }
}

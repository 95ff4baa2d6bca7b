package dev.shelfsync.gateway.intake;

import static dev.shelfsync.gateway.GatewayFixtures.channel;
import static dev.shelfsync.gateway.GatewayFixtures.json;
import static dev.shelfsync.gateway.GatewayFixtures.listing;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shelfsync.gateway.TestSupport;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ORDER_CHANGE intake: the notification says which order changed; its lines come from the channel's Orders API
 * ({@code getOrderItems}, every page), and nothing is stored unless Amazon could be read.
 */
@QuarkusTest
class AmazonIntakeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ORDER_ID = "114-3941689-8772232";
    private static final String TOKEN = "Atza|IwEBIShelfsyncTestToken";
    private static OrdersApi ordersApi;

    @TestHTTPResource("/")
    URL gateway;

    /**
     * A stand-in for the SP-API Orders endpoint of one seller: {@code getOrderItems} for {@link #ORDER_ID} in two pages
     * (the second behind a NextToken), or the failure the test asks for.
     */
    static final class OrdersApi implements AutoCloseable {
        final HttpServer server;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        volatile int failWith;
        volatile String retryAfter;

        OrdersApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/sp-api", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/sp-api";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String target = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery());
                // The channel is active, so reconciliation and pushes call too; only getOrderItems is recorded.
                if (target.contains("/orderItems")) {
                    requests.add(target);
                    tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-access-token")));
                }
                if (failWith != 0) {
                    if (retryAfter != null) {
                        exchange.getResponseHeaders().add("Retry-After", retryAfter);
                    }
                    reply(
                            exchange,
                            failWith,
                            "{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":\"You exceeded your quota for the"
                                    + " requested resource.\"}]}");
                    return;
                }
                String items = "/sp-api/orders/v0/orders/" + ORDER_ID + "/orderItems";
                if (target.equals(items)) {
                    reply(
                            exchange,
                            200,
                            """
                            {"payload":{"AmazonOrderId":"%s","NextToken":"2YgYW55IGNhcm5hbCBwbGVhc3VyZS4=",
                             "OrderItems":[{"ASIN":"B0CX7LMQ2T","SellerSKU":"MUG-6PK","OrderItemId":"40815220573146",
                              "Title":"Stoneware mug, six-pack","QuantityOrdered":2,"QuantityShipped":0,
                              "ItemPrice":{"CurrencyCode":"USD","Amount":"59.80"},"IsGift":"false"}]}}"""
                                    .formatted(ORDER_ID));
                } else if (target.equals(items + "?NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4%3D")) {
                    reply(
                            exchange,
                            200,
                            """
                            {"payload":{"AmazonOrderId":"%s",
                             "OrderItems":[{"ASIN":"B09TEEBLKM","SellerSKU":"TEE-BLK-M","OrderItemId":"40815220573158",
                              "Title":"T-shirt black M","QuantityOrdered":1,"QuantityShipped":0,
                              "ItemPrice":{"CurrencyCode":"USD","Amount":"19.00"},"IsGift":"false"}]}}"""
                                    .formatted(ORDER_ID));
                } else {
                    reply(exchange, 404, "{\"errors\":[{\"code\":\"NotFound\",\"message\":\"Not found\"}]}");
                }
            }
        }

        private static void reply(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void startOrdersApi() throws IOException {
        ordersApi = new OrdersApi();
    }

    @AfterAll
    static void stopOrdersApi() {
        ordersApi.close();
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = AmazonIntakeTest.class.getResourceAsStream("/fixtures/amazon/order-change.json")) {
            return in.readAllBytes();
        }
    }

    private static Response deliver(String channelId, byte[] body, String secret) {
        return given().contentType("application/json")
                .header("X-Shelfsync-Signature", TestSupport.hmac(secret, body))
                .body(body)
                .post("/webhooks/amazon/" + channelId);
    }

    private static long stored(String channelId) {
        return TestSupport.count("select count(*) from webhook_intake where channel_id = ?", channelId)
                + TestSupport.count("select count(*) from channel_order where channel_id = ?", channelId);
    }

    @Test
    void anOrderChangeBecomesTheOrderAsTheOrdersApiListsIt() throws Exception {
        String channelId = "amz-intake";
        given().contentType("application/json")
                .body(
                        """
                        {"type":"amazon","name":"Amazon US","apiBaseUrl":"%s","rateLimitPerSecond":5,
                         "credentials":{"webhookSecret":"relay-secret-1","apiToken":"%s"},
                         "settings":{"amazonSellerId":"A2SHELFSYNC7Q4","amazonMarketplaceId":"ATVPDKIKX0DER"}}"""
                                .formatted(ordersApi.baseUrl(), TOKEN))
                .put("/channels/" + channelId)
                .then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        listing(channelId, "MUG-6PK", "MUG-01", 6);
        listing(channelId, "TEE-BLK-M", "TEE-BLK-M", 1);
        byte[] body = fixture();

        try (TestSupport.Capture events = new TestSupport.Capture("channels")) {
            // A forged notification is refused before Amazon is asked anything.
            deliver(channelId, body, "not-the-relay-secret").then().statusCode(401);
            assertEquals(0, ordersApi.requests.size());

            // Amazon throttles: 503 with Amazon's pause, nothing stored.
            ordersApi.failWith = 429;
            ordersApi.retryAfter = "7";
            deliver(channelId, body, "relay-secret-1")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "7")
                    .body("status", equalTo(503));
            assertEquals(0, stored(channelId));

            // Amazon fails: 503, nothing stored.
            ordersApi.failWith = 500;
            ordersApi.retryAfter = null;
            deliver(channelId, body, "relay-secret-1").then().statusCode(503).contentType("application/problem+json");
            assertEquals(0, stored(channelId));

            // Amazon answers: both pages of items, with the channel's access token.
            ordersApi.failWith = 0;
            ordersApi.requests.clear();
            deliver(channelId, body, "relay-secret-1").then().statusCode(200).body("status", equalTo("accepted"));
            assertEquals(
                    List.of(
                            "/sp-api/orders/v0/orders/" + ORDER_ID + "/orderItems",
                            "/sp-api/orders/v0/orders/" + ORDER_ID
                                    + "/orderItems?NextToken=2YgYW55IGNhcm5hbCBwbGVhc3VyZS4%3D"),
                    ordersApi.requests);
            assertTrue(ordersApi.tokens.stream().allMatch(TOKEN::equals));

            await().atMost(Duration.ofSeconds(10)).until(() -> !received(events).isEmpty());
            JsonNode order = json(received(events).get(0)).path("payload");
            assertEquals(ORDER_ID, order.path("externalOrderId").asText());
            assertEquals("amazon", order.path("channelType").asText());
            JsonNode lines = order.path("lines");
            assertEquals(2, lines.size());
            // The notification's summary named one item with quantity 2; the order as getOrderItems lists it wins.
            assertEquals("40815220573146", lines.path(0).path("lineId").asText());
            assertEquals("MUG-01", lines.path(0).path("sku").asText());
            assertEquals(12, lines.path(0).path("quantity").asInt());
            assertEquals("40815220573158", lines.path(1).path("lineId").asText());
            assertEquals("TEE-BLK-M", lines.path(1).path("sku").asText());
            assertEquals(1, lines.path(1).path("quantity").asInt());
            assertEquals("US", order.path("shipTo").path("countryCode").asText());
            assertEquals("98109", order.path("shipTo").path("postalCode").asText());

            // The relay delivers the same notification again: a duplicate, and Amazon is not asked again.
            ordersApi.requests.clear();
            deliver(channelId, body, "relay-secret-1").then().statusCode(200).body("status", equalTo("duplicate"));
            assertEquals(0, ordersApi.requests.size());

            // A later status notification of the taken order needs no items either.
            ObjectNode buyerRequest = (ObjectNode) MAPPER.readTree(body);
            ((ObjectNode) buyerRequest.path("NotificationMetadata"))
                    .put("NotificationId", "e3b0c442-98fc-4c14-9afb-f4c8996fb924");
            ((ObjectNode) buyerRequest.path("Payload").path("OrderChangeNotification"))
                    .put("OrderChangeType", "BuyerRequestedChange");
            deliver(channelId, MAPPER.writeValueAsBytes(buyerRequest), "relay-secret-1")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("duplicate-order"));
            assertEquals(0, ordersApi.requests.size());

            // Canceled takes the cancel path, without reading items.
            ObjectNode canceled = (ObjectNode) MAPPER.readTree(body);
            ((ObjectNode) canceled.path("NotificationMetadata"))
                    .put("NotificationId", "5f1c9a2e-0d47-4b3a-8e61-c2a9d7f05b84");
            ((ObjectNode) canceled.path("Payload")
                            .path("OrderChangeNotification")
                            .path("Summary"))
                    .put("OrderStatus", "Canceled");
            deliver(channelId, MAPPER.writeValueAsBytes(canceled), "relay-secret-1")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("accepted"));
            assertEquals(0, ordersApi.requests.size());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !events.matching("\"type\":\"channels.order-cancelled\"").stream()
                            .filter(event -> event.contains(ORDER_ID))
                            .toList()
                            .isEmpty());
            assertEquals(1, received(events).size());
        }
    }

    @Test
    void aNotificationRefusedWhileTheOrdersApiIsDownIsTakenOnceWhenRedeliveredAfterRecovery() throws Exception {
        String channelId = "amz-outage";
        try (TestSupport.Capture events = new TestSupport.Capture("channels");
                MarketplaceSimulator simulator = MarketplaceSimulator.start(SimulatorConfig.of(
                        ChannelConfig.of(channelId, "amazon", "relay-secret-2", gateway.toString(), 5)
                                .withListing("DOWN-AMZ", 10)))) {
            channel(channelId, "amazon", "relay-secret-2", simulator.apiBaseUrl(channelId), 5, null);
            listing(channelId, "DOWN-AMZ", "DOWN-SKU", 2);

            simulator.failFor(channelId, 503, Duration.ofMinutes(5));
            Sale sale = simulator.sell(channelId, "DOWN-AMZ", 3);
            assertEquals(503, sale.gatewayStatus());
            assertEquals(0, stored(channelId));
            assertEquals(503, simulator.redeliver(channelId, sale.deliveryId()));
            assertEquals(0, stored(channelId));

            simulator.failFor(channelId, 503, Duration.ZERO);
            assertEquals(200, simulator.redeliver(channelId, sale.deliveryId()));
            assertEquals(200, simulator.redeliver(channelId, sale.deliveryId()));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.matching(sale.externalOrderId()).size() >= 1);
            await().during(Duration.ofMillis(1000))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> events.matching(sale.externalOrderId()).size() == 1);
            JsonNode order = json(events.matching(sale.externalOrderId()).get(0));
            assertEquals("channels.order-received", order.path("type").asText());
            assertEquals(
                    "DOWN-SKU",
                    order.path("payload").path("lines").path(0).path("sku").asText());
            assertEquals(
                    6,
                    order.path("payload").path("lines").path(0).path("quantity").asInt());
            assertEquals(
                    1,
                    TestSupport.count(
                            "select count(*) from webhook_intake where channel_id = ? and delivery_id = ?",
                            channelId,
                            sale.deliveryId()));
        }
    }

    private static List<String> received(TestSupport.Capture events) {
        return events.matching("\"externalOrderId\":\"" + ORDER_ID + "\"").stream()
                .filter(body -> body.contains("\"type\":\"channels.order-received\""))
                .toList();
    }
}

package dev.shelfsync.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import dev.shelfsync.systemtests.TraceCollector.ReceivedSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One order, one trace: the spans of a signed webhook's order, exported by the services to the tests' collector,
 * share one trace id, every parent among them is there, and they reach from the gateway's webhook through routing
 * and inventory to the push to every other channel. Structure only; no span's timing is looked at.
 */
class OrderTraceIT {

    private static final String SHOP = "trace-shop";
    private static final String WOO = "trace-woo";
    private static final String AMAZON = "trace-amazon";
    private static final Map<String, String> SECRETS =
            Map.of(SHOP, "trace-shop-webhook-secret", WOO, "trace-woo-webhook-secret", AMAZON, "trace-amazon-secret");

    private static MarketplaceSimulator stores;

    @BeforeAll
    static void channels() {
        String gateway = SystemUnderTest.url("gateway");
        stores = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(SHOP, "shopify", SECRETS.get(SHOP), gateway, 20),
                ChannelConfig.of(WOO, "woocommerce", SECRETS.get(WOO), gateway, 20),
                ChannelConfig.of(AMAZON, "amazon", SECRETS.get(AMAZON), gateway, 20)));
        GatewayCalls.channel(stores, SHOP, "shopify", SECRETS.get(SHOP));
        GatewayCalls.channel(stores, WOO, "woocommerce", SECRETS.get(WOO));
        GatewayCalls.channel(stores, AMAZON, "amazon", SECRETS.get(AMAZON));
        InventoryCalls.warehouse("trace-dc", "Trace DC", 48.14, 11.58);
    }

    @AfterAll
    static void stopStores() {
        stores.close();
    }

    @Test
    void oneOrdersSpansFormOneConnectedTraceAcrossTheServices() throws IOException {
        String sku = "TRACE-" + System.nanoTime();
        String shopListing = stock(sku, 5);
        Set<String> before = webhookTraces();

        assertEquals(200, stores.sell(SHOP, shopListing, 1).gatewayStatus());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> fresh = webhookTraces();
            fresh.removeAll(before);
            assertEquals(1, fresh.size(), "traces of new webhooks: " + fresh);
            String traceId = fresh.iterator().next();
            List<ReceivedSpan> trace = SystemUnderTest.traces().spans().stream()
                    .filter(span -> span.traceId().equals(traceId))
                    .toList();
            Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            List<ReceivedSpan> orphans = trace.stream()
                    .filter(span -> !span.parentSpanId().isEmpty() && !ids.contains(span.parentSpanId()))
                    .toList();
            assertTrue(orphans.isEmpty(), "spans whose parent is not in the trace: " + orphans);
            assertEquals(
                    1,
                    trace.stream().filter(span -> span.parentSpanId().isEmpty()).count(),
                    "roots in " + trace);
            Set<String> services = trace.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
            assertTrue(
                    services.containsAll(Set.of("channel-gateway", "order-routing-service", "inventory-service")),
                    "services in the trace: " + services);
            Set<String> pushes = trace.stream()
                    .filter(span -> span.name().startsWith("push "))
                    .map(ReceivedSpan::name)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("push woocommerce", "push amazon"), pushes, "pushes in the trace");
        });
        Set<String> traceIds = webhookTraces();
        traceIds.removeAll(before);
        String traceId = traceIds.iterator().next();
        SystemUnderTest.traces().spans().stream()
                .filter(span -> span.traceId().equals(traceId))
                .forEach(span -> System.out.printf("[trace] %s: %s%n", span.service(), span.name()));
        // The stores really were lowered by those pushes.
        assertEquals(4, stores.listedQuantity(WOO, wooListing(sku)));

        assertNoLogContains(
                List.of(SECRETS.get(SHOP), SECRETS.get(WOO), SECRETS.get(AMAZON), "token-" + SHOP, "token-" + WOO));
    }

    /** Trace ids of the gateway's webhook requests (root spans: the simulated stores send no traceparent). */
    private static Set<String> webhookTraces() {
        return SystemUnderTest.traces().spans().stream()
                .filter(span -> span.service().equals("channel-gateway")
                        && span.parentSpanId().isEmpty()
                        && span.name().contains("/webhooks/"))
                .map(ReceivedSpan::traceId)
                .collect(Collectors.toSet());
    }

    /** No webhook secret or marketplace token of these channels may reach a service log. */
    private static void assertNoLogContains(List<String> secrets) throws IOException {
        try (Stream<Path> logs = Files.walk(SystemUnderTest.get().logs())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                secrets.forEach(secret -> assertFalse(text.contains(secret), "a secret in " + log));
            }
        }
    }

    /** The SKU with {@code units} at the trace location, listed on the three stores; returns the Shopify listing. */
    private static String stock(String sku, int units) {
        InventoryCalls.sku(sku, sku);
        InventoryCalls.receive(sku, "trace-dc", units);
        String shopListing = String.valueOf(Math.abs(sku.hashCode()));
        Map<String, String> listings = Map.of(SHOP, shopListing, WOO, wooListing(sku), AMAZON, sku + "-AMZ");
        listings.forEach((channel, listing) -> {
            GatewayCalls.listing(channel, listing, sku);
            stores.setListedQuantity(channel, listing, units);
        });
        return shopListing;
    }

    /** WooCommerce product ids are numbers. */
    private static String wooListing(String sku) {
        return String.valueOf(Math.abs(sku.hashCode()) % 1_000_000 + 1);
    }
}

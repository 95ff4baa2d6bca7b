package dev.shelfsync.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.scenarios.LocalSystem;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's alert rules and dashboard cannot drift from the code: every metric they name, read from the chart's
 * own source files, is exported on {@code /q/metrics} by one of the five running services, after one oversold sale
 * has gone through all of them (so the per-channel and per-outcome series exist).
 */
class MetricsDriftIT {

    private static final Path CHART = Path.of(System.getProperty("shelfsync.root", ".."), "deploy/helm/shelfsync");
    /** Metric names in a PromQL expression: ours by prefix, any other by the selector that follows it. */
    private static final Pattern OURS = Pattern.compile("\\bshelfsync_[a-z0-9_]+");

    private static final Pattern SELECTED = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\{(?!\\{)");
    /** Named by the rules but exported by Kubernetes (kube-state-metrics), not by a Shelfsync service. */
    private static final Set<String> FROM_KUBERNETES = Set.of("kube_pod_status_ready");

    private static final String SHOP = "drift-shop";
    private static final String WOO = "drift-woo";

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsExportedByAService() {
        Set<String> named = new TreeSet<>();
        named.addAll(metricNames(read(CHART.resolve("templates/prometheusrule.yaml"))));
        named.addAll(metricNames(read(CHART.resolve("dashboards/shelfsync.json"))));
        assertTrue(named.size() >= 10, "the chart names too few metrics to be read right: " + named);
        assertTrue(named.containsAll(FROM_KUBERNETES), "stale exception for Kubernetes metrics: " + named);

        oversoldSale();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>(FROM_KUBERNETES);
            LocalSystem.SERVICES.keySet().forEach(service -> exported.addAll(exportedNames(service)));
            Set<String> missing = new TreeSet<>(named);
            missing.removeAll(exported);
            assertEquals(Set.of(), missing, "named by the chart, exported by no service");
        });
    }

    /**
     * Two channels list one unit of a SKU, the Shopify store shows three: a buyer takes two there, the gateway
     * pushes the WooCommerce store down, and inventory refuses the reservation (an oversell incident). The meters
     * that exist from start-up need no traffic; the per-channel and per-outcome ones need this sale.
     */
    private static void oversoldSale() {
        SystemUnderTest.get();
        String gateway = SystemUnderTest.url("gateway");
        String sku = "DRIFT-" + System.nanoTime();
        String shopListing = String.valueOf(Math.abs(sku.hashCode()));
        String wooListing = String.valueOf(Math.abs(sku.hashCode()) % 1_000_000 + 7);
        try (MarketplaceSimulator stores = MarketplaceSimulator.start(SimulatorConfig.of(
                ChannelConfig.of(SHOP, "shopify", "drift-shop-secret", gateway, 20)
                        .withListing(shopListing, 3),
                ChannelConfig.of(WOO, "woocommerce", "drift-woo-secret", gateway, 20)
                        .withListing(wooListing, 3)))) {
            GatewayCalls.channel(stores, SHOP, "shopify", "drift-shop-secret");
            GatewayCalls.channel(stores, WOO, "woocommerce", "drift-woo-secret");
            InventoryCalls.warehouse("berlin", "Berlin DC", 52.52, 13.40);
            InventoryCalls.sku(sku, sku);
            InventoryCalls.receive(sku, "berlin", 1);
            GatewayCalls.listing(SHOP, shopListing, sku);
            GatewayCalls.listing(WOO, wooListing, sku);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(1, stores.listedQuantity(WOO, wooListing)));
            // the Shopify store still shows 3 (the merchant edited it; the next push lowers it)
            stores.setListedQuantity(SHOP, shopListing, 3);

            Sale sale = stores.sell(SHOP, shopListing, 2);

            assertEquals(200, sale.gatewayStatus());
            // the other store is pushed down at once, before inventory has even answered; once inventory refuses the
            // sale the unit is sellable again and the store goes back to 1, so the push history is what shows it
            await().atMost(Duration.ofSeconds(30)).until(() -> stores.pushes(WOO).stream()
                    .anyMatch(push -> push.listingId().equals(wooListing) && push.quantity() == 0));
        }
    }

    private static Set<String> metricNames(String source) {
        Set<String> names = new TreeSet<>();
        Matcher ours = OURS.matcher(source);
        while (ours.find()) {
            names.add(ours.group());
        }
        Matcher selected = SELECTED.matcher(source);
        while (selected.find()) {
            names.add(selected.group(1));
        }
        return names;
    }

    /** Sample names of a service's Prometheus exposition (histograms give their _bucket, _count and _sum). */
    private static Set<String> exportedNames(String service) {
        String exposition = given().baseUri(SystemUnderTest.url(service))
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

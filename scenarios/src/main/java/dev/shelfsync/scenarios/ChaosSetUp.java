package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Chaos.log;
import static dev.shelfsync.scenarios.Chaos.sleep;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault run's stores and stock: a Shopify, a WooCommerce and an Amazon store, two warehouses and a few SKUs with
 * ample stock, every SKU listed on every store.
 */
final class ChaosSetUp {

    static final Map<String, Integer> RATE_LIMITS = Map.of("shopify", 40, "woocommerce", 20, "amazon", 5);
    private static final int SKUS = 4;
    private static final int UNITS_PER_SKU = 50_000;

    private final Shelfsync shelfsync;
    private final String stamp;

    ChaosSetUp(Shelfsync shelfsync, String stamp) {
        this.shelfsync = shelfsync;
        this.stamp = stamp;
    }

    /** One store of each marketplace type, with ids of this run. */
    List<ChannelConfig> stores(String gatewayUrl) {
        List<ChannelConfig> configs = new ArrayList<>();
        for (String type : List.of("shopify", "woocommerce", "amazon")) {
            String id = "chaos-" + type + "-" + stamp.toLowerCase(Locale.ROOT);
            configs.add(ChannelConfig.of(id, type, "whsec-" + id, gatewayUrl, RATE_LIMITS.get(type)));
        }
        return configs;
    }

    /** Registers warehouses, SKUs, stock, stores and listings; waits for the first pushes. */
    List<OrderStream.Listing> setUp(MarketplaceSimulator shop, List<ChannelConfig> configs) {
        shelfsync.location("wh-east", "East warehouse (Leipzig)", 51.34, 12.37);
        shelfsync.location("wh-west", "West warehouse (Cologne)", 50.94, 6.96);
        for (ChannelConfig config : configs) {
            shelfsync.policy(config.id(), 0);
        }
        List<OrderStream.Listing> listings = new ArrayList<>();
        for (int s = 0; s < SKUS; s++) {
            String sku = "CHAOS-" + stamp + "-" + s;
            shelfsync.sku(sku, "Chaos run item " + s);
            shelfsync.receive(sku, "wh-east", UNITS_PER_SKU * 3 / 5);
            shelfsync.receive(sku, "wh-west", UNITS_PER_SKU * 2 / 5);
            int n = 0;
            for (ChannelConfig config : configs) {
                String listing =
                        switch (config.type()) {
                            case "amazon" -> sku + "-AMZ";
                            case "woocommerce" -> String.valueOf(7000 + s);
                            default -> String.valueOf(45_000_000L + s * 10L + n);
                        };
                listings.add(new OrderStream.Listing(config.id(), listing, sku));
                n++;
            }
        }
        for (ChannelConfig config : configs) {
            shelfsync.channel(
                    config.id(),
                    config.type(),
                    config.webhookSecret(),
                    shop.apiBaseUrl(config.id()),
                    config.rateLimitPerSecond(),
                    true,
                    Map.of("reconcileIntervalSeconds", DisorderedWebhooks.RECONCILE_SECONDS));
            for (OrderStream.Listing listing : listings) {
                if (listing.channelId().equals(config.id())) {
                    shelfsync.listing(config.id(), listing.listingId(), listing.sku());
                }
            }
        }
        ChaosInvariants invariants = new ChaosInvariants(shelfsync, shop, listings);
        Instant deadline = Instant.now().plusSeconds(60);
        while (invariants.storesDiverged() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the stores did not receive their first quantities within 60 s: " + invariants.diverged());
            }
            sleep(Duration.ofMillis(250));
        }
        log("set up: " + SKUS + " SKUs x " + configs.size() + " stores, first quantities pushed");
        return listings;
    }
}

package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Sets up one run of the flash sale: the SKU with its stock in two warehouses, each channel's policy or fence, the
 * simulated stores listing it, and waits until every store shows its first quantity.
 */
final class FlashSaleSetUp {

    private static final Map<String, Integer> RATE_LIMITS =
            Map.of("shopify", 40, "woocommerce", 20, "amazon", 5, "etsy", 10);

    /**
     * A run's stage: the SKU, each channel's listing of it, each channel's fence (ring-fenced only) and the stores
     * (the caller closes them).
     */
    record Stage(String sku, Map<String, String> listings, Map<String, Integer> fences, MarketplaceSimulator shop) {
        List<String> channelIds() {
            return new ArrayList<>(listings.keySet());
        }
    }

    private final Shelfsync shelfsync;
    private final FlashSale.Options options;
    private final String stamp;

    FlashSaleSetUp(Shelfsync shelfsync, FlashSale.Options options, String stamp) {
        this.shelfsync = shelfsync;
        this.options = options;
        this.stamp = stamp;
    }

    /** The two warehouses every run's stock goes into. */
    void locations() {
        shelfsync.location("wh-east", "East warehouse (Leipzig)", 51.34, 12.37);
        shelfsync.location("wh-west", "West warehouse (Cologne)", 50.94, 6.96);
    }

    /**
     * @param scheduled the stores hold the gateway's pushes back, as a scheduled sync would see them, and channels
     *     set numbers blindly (no compare-and-set)
     */
    Stage stage(String label, boolean scheduled) {
        String sku = "FLASH-" + stamp + "-" + label.toUpperCase(Locale.ROOT);
        Map<String, String> listingPerChannel = new LinkedHashMap<>();
        List<ChannelConfig> configs = new ArrayList<>();
        int index = 0;
        for (String type : options.channels()) {
            // Fresh channel ids per run: a channel re-pointed at a new simulator would first wait out its backoff.
            String id = type + "-" + label + "-" + stamp.toLowerCase(Locale.ROOT);
            String listing =
                    switch (type) {
                        case "amazon" -> sku + "-AMZ";
                        case "woocommerce" -> String.valueOf(5000 + index);
                        case "etsy" -> String.valueOf(1_540_000_000L + index);
                        default -> String.valueOf(44_000_000L + index);
                    };
            listingPerChannel.put(id, listing);
            configs.add(ChannelConfig.of(
                    id, type, "whsec-" + id, shelfsync.system().url("gateway"), RATE_LIMITS.get(type)));
            index++;
        }
        List<String> channelIds = new ArrayList<>(listingPerChannel.keySet());
        shelfsync.sku(sku, "Flash-sale sneaker " + label);
        int east = (options.units() * 3 + 4) / 5;
        shelfsync.receive(sku, "wh-east", east);
        if (options.units() - east > 0) {
            shelfsync.receive(sku, "wh-west", options.units() - east);
        }
        // Policies and fences after the stock: inventory refuses a fence the SKU cannot hold, and each change
        // republishes the SKU's availability before any listing is mapped.
        Map<String, Integer> fences = fences(channelIds);
        for (String channel : channelIds) {
            if (options.policy() == FlashSale.Policy.RING_FENCED) {
                shelfsync.policy(channel, 0);
                shelfsync.fence(sku, channel, fences.get(channel));
            } else {
                shelfsync.policy(channel, options.buffer(), options.autoBuffer() ? "auto" : "fixed");
            }
        }
        // Buyers shop at `shop`, which also serves its order APIs to the gateway. In the scheduled baseline it keeps
        // the gateway's pushes in a holding area, and the latest one is made visible every N s.
        MarketplaceSimulator shop = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, configs));
        if (scheduled) {
            configs.forEach(config -> shop.holdPushes(config.id()));
        }
        try {
            for (ChannelConfig config : configs) {
                shelfsync.channel(
                        config.id(),
                        config.type(),
                        config.webhookSecret(),
                        shop.apiBaseUrl(config.id()),
                        config.rateLimitPerSecond(),
                        // a scheduled sync sets numbers blindly; no compare-and-set
                        !scheduled);
                shelfsync.listing(config.id(), listingPerChannel.get(config.id()), sku);
            }
            awaitInitialPushes(shop, listingPerChannel, sku);
        } catch (RuntimeException e) {
            shop.close();
            throw e;
        }
        return new Stage(sku, listingPerChannel, fences, shop);
    }

    /** Each channel's fence at the start: the units split evenly, the first channels taking the remainder. */
    private Map<String, Integer> fences(List<String> channelIds) {
        Map<String, Integer> fences = new LinkedHashMap<>();
        for (int i = 0; i < channelIds.size(); i++) {
            fences.put(
                    channelIds.get(i),
                    options.units() / channelIds.size() + (i < options.units() % channelIds.size() ? 1 : 0));
        }
        return fences;
    }

    private void awaitInitialPushes(MarketplaceSimulator shop, Map<String, String> listings, String sku) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            com.fasterxml.jackson.databind.JsonNode availability = shelfsync.availability(sku);
            boolean all = true;
            for (Map.Entry<String, String> e : listings.entrySet()) {
                com.fasterxml.jackson.databind.JsonNode perChannel =
                        availability.path("channels").path(e.getKey());
                int expected = perChannel.isMissingNode()
                        ? availability.path("defaultAvailable").asInt()
                        : perChannel.asInt();
                Integer listed = latestPushed(shop, e.getKey(), e.getValue());
                all &= listed != null && listed == expected && expected > 0;
            }
            if (all) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        Map<String, Integer> listed = new LinkedHashMap<>();
        listings.forEach((channel, listing) -> listed.put(channel, latestPushed(shop, channel, listing)));
        throw new IllegalStateException("the marketplaces did not receive the initial quantities within 30 s: listed "
                + listed + ", availability " + shelfsync.availability(sku));
    }

    /** The quantity of the last push the listing received (held back or not), null if none. */
    private static Integer latestPushed(MarketplaceSimulator shop, String channel, String listing) {
        Integer latest = null;
        for (Push push : shop.pushes(channel)) {
            if (push.listingId().equals(listing)) {
                latest = push.quantity();
            }
        }
        return latest;
    }
}

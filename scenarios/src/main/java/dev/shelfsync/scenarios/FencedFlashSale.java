package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The chaos step where the broker's VM is killed ({@code kill -9}) at a random moment of a ring-fenced flash sale:
 * three stores of their own, each fenced {@link #FENCE} units of a fresh SKU that has exactly their sum, buyers
 * faster than the fences last, on top of the steady stream. A store never shows more than its fence, so no store may
 * sell more than it (oversold = 0) and inventory must reserve every sale, however late the broker lets it through.
 * The fences are on the sale's own SKU only, so the steady stream's SKUs are never withheld.
 */
final class FencedFlashSale implements AutoCloseable {

    static final int FENCE = 30;
    private static final double BUYERS_PER_SECOND = 10;
    private static final Duration SALE = Duration.ofSeconds(4);
    // The broker stays dead at least this long after the kill (its boot then takes some seconds more).
    private static final Duration DEAD = Duration.ofSeconds(3);

    private final Shelfsync shelfsync;
    private final MarketplaceSimulator shop;
    private final List<ChannelConfig> stores;
    private final OrderStream orders;
    private final ChaosInvariants invariants;
    private final ServerFaults servers;
    private final String stamp;
    private final ScheduledExecutorService clock =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Threads.daemon("flash-buyers"));
    private int sales;
    private Set<String> soldBefore = Set.of();
    private double killedAfter;
    private Instant killed;
    private double deadSeconds;

    FencedFlashSale(
            Shelfsync shelfsync,
            MarketplaceSimulator shop,
            List<ChannelConfig> stores,
            OrderStream orders,
            ChaosInvariants invariants,
            ServerFaults servers,
            String stamp) {
        this.shelfsync = shelfsync;
        this.shop = shop;
        this.stores = List.copyOf(stores);
        this.orders = orders;
        this.invariants = invariants;
        this.servers = servers;
        this.stamp = stamp;
    }

    /** The flash sale's stores, with their own channel ids: configured on the simulator from the start. */
    static List<ChannelConfig> stores(String stamp, String gatewayUrl, Map<String, Integer> rateLimits) {
        List<ChannelConfig> stores = new ArrayList<>();
        for (String type : List.of("shopify", "woocommerce", "amazon")) {
            String id = "chaos-flash-" + type + "-" + stamp.toLowerCase(Locale.ROOT);
            stores.add(ChannelConfig.of(id, type, "whsec-" + id, gatewayUrl, rateLimits.get(type)));
        }
        return stores;
    }

    Fault fault() {
        return new Fault(
                "broker-kill-flash-sale",
                "broker kill -9 in a fenced flash sale",
                String.format(
                        Locale.ROOT,
                        "beam.smp killed with SIGKILL at a random moment of a %d s flash sale (%d stores, %d-unit fences,"
                                + " %.0f buyers/s each), down %d s, booted again",
                        SALE.toSeconds(),
                        stores.size(),
                        FENCE,
                        BUYERS_PER_SECOND,
                        DEAD.toSeconds()),
                "nothing the broker had not confirmed is lost: the relays send it again after the boot and consumers"
                        + " dedupe; no store sells beyond its fence, every sale is reserved once, the ledger adds up"
                        + " and every store converges",
                true,
                this::inject,
                this::boot,
                this::findings);
    }

    private void inject() {
        List<OrderStream.Listing> listings = prepare();
        soldBefore = flashSales();
        Instant start = Instant.now();
        long every = (long) (1000 / BUYERS_PER_SECOND);
        var buyers = clock.scheduleAtFixedRate(() -> listings.forEach(orders::buyNow), 0, every, TimeUnit.MILLISECONDS);
        long killAt = ThreadLocalRandom.current().nextLong(200, SALE.toMillis() - 200);
        Chaos.sleep(Duration.ofMillis(killAt));
        killedAfter = killAt / 1000.0;
        try {
            servers.killBroker();
            killed = Instant.now();
        } finally {
            Chaos.sleep(max(DEAD, SALE.minus(Duration.between(start, Instant.now()))));
            buyers.cancel(false);
        }
    }

    private void boot() {
        servers.bootKilledBroker();
        deadSeconds = Duration.between(killed, Instant.now()).toMillis() / 1000.0;
    }

    /** A fresh SKU with exactly the fences' sum, fenced on every store, listed and shown by every store. */
    private List<OrderStream.Listing> prepare() {
        if (sales == 0) {
            for (ChannelConfig store : stores) {
                shelfsync.channel(
                        store.id(),
                        store.type(),
                        store.webhookSecret(),
                        shop.apiBaseUrl(store.id()),
                        store.rateLimitPerSecond());
            }
        }
        sales++;
        String sku = "CHAOS-FLASH-" + stamp + "-" + sales;
        int units = FENCE * stores.size();
        shelfsync.sku(sku, "Chaos flash-sale item " + sales);
        shelfsync.receive(sku, "wh-east", units * 3 / 5);
        shelfsync.receive(sku, "wh-west", units - units * 3 / 5);
        // after the stock: inventory refuses a fence the SKU cannot hold
        stores.forEach(store -> shelfsync.fence(sku, store.id(), FENCE));
        List<OrderStream.Listing> listings = new ArrayList<>();
        for (ChannelConfig store : stores) {
            String listing =
                    switch (store.type()) {
                        case "amazon" -> sku + "-AMZ";
                        case "woocommerce" -> String.valueOf(9000 + sales);
                        default -> String.valueOf(46_000_000L + sales);
                    };
            shelfsync.listing(store.id(), listing, sku);
            listings.add(new OrderStream.Listing(store.id(), listing, sku));
        }
        invariants.watch(listings);
        Instant deadline = Instant.now().plusSeconds(60);
        for (OrderStream.Listing listing : listings) {
            while (!Integer.valueOf(FENCE).equals(shop.listedQuantity(listing.channelId(), listing.listingId()))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(listing + " did not show its fence of " + FENCE + " within 60 s");
                }
                Chaos.sleep(Duration.ofMillis(200));
            }
        }
        return listings;
    }

    private Fault.Findings findings() {
        Set<String> sold = new HashSet<>(flashSales());
        sold.removeAll(soldBefore);
        Map<String, Integer> perStore = new LinkedHashMap<>();
        stores.forEach(store -> perStore.put(store.id(), 0));
        sold.forEach(key -> perStore.merge(key.substring(0, key.indexOf('/')), 1, Integer::sum));
        int oversold = perStore.values().stream()
                .mapToInt(units -> Math.max(0, units - FENCE))
                .sum();
        String refused;
        try {
            refused = Integer.toString(invariants.refused(sold));
        } catch (SQLException e) {
            refused = "unknown (" + ChaosInvariants.oneLine(e) + ")";
        }
        return new Fault.Findings(
                oversold,
                String.format(
                        Locale.ROOT,
                        "broker killed %.1f s into the sale and back %.1f s later (the step's fault time includes"
                                + " setting up the sale); sold per store %s of %d-unit fences; orders inventory refused %s",
                        killedAfter,
                        deadSeconds,
                        perStore.values(),
                        FENCE,
                        refused));
    }

    private Set<String> flashSales() {
        Set<String> ids = new HashSet<>();
        stores.forEach(store -> ids.add(store.id()));
        Set<String> sold = new HashSet<>();
        for (String key : orders.sold()) {
            if (ids.contains(key.substring(0, key.indexOf('/')))) {
                sold.add(key);
            }
        }
        return sold;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Removes the fences (they would hold back stock of every SKU on these channels). */
    @Override
    public void close() {
        clock.shutdownNow();
    }
}

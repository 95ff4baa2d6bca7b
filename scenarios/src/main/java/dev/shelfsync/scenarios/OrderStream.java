package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of simulated buyers, one unit each, round-robin over the listings, while faults come and go. Like
 * a real marketplace it delivers each order's signed webhook again (byte for byte, same delivery id) until the
 * gateway answers 200, so every sale must end up as exactly one order however often its webhook arrived.
 */
final class OrderStream implements AutoCloseable {

    /** A listing a buyer can buy from. */
    record Listing(String channelId, String listingId, String sku) {}

    /** How the marketplace delivers a sale's webhook while the stream is disordered ({@link #disorder}). */
    enum Delivery {
        /** once, retried until answered 200 */
        ONCE,
        /** the same delivery twice at the same moment */
        TWICE_AT_ONCE,
        /** once, then a copy under a new delivery id (same order, another event id) */
        COPY_WITH_NEW_ID,
        /** the order's update event first, then its creation */
        UPDATE_FIRST,
        /** never: the order exists only in the marketplace's order API */
        DROPPED
    }

    private static final List<Delivery> DISORDER = List.of(Delivery.values());

    private final MarketplaceSimulator shop;
    private final List<Listing> listings;
    private final ScheduledExecutorService clock;
    private final ThreadPoolExecutor buyers;
    private final ScheduledExecutorService redelivery;
    private final ThreadPoolExecutor redeliverers;
    /** channelId/externalOrderId of every sale, with the sale. */
    private final Map<String, Sale> sold = new ConcurrentHashMap<>();
    /** Sales whose webhook the gateway has not answered 200 yet, by key. */
    private final Map<String, Sale> undelivered = new ConcurrentHashMap<>();

    private final Set<String> retrying = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final Map<Delivery, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();
    private final ExecutorService duplicates = Executors.newFixedThreadPool(4, Threads.daemon("duplicate"));
    private volatile boolean running;
    private volatile boolean disordered;

    OrderStream(MarketplaceSimulator shop, List<Listing> listings, double ordersPerSecond) {
        this.shop = shop;
        this.listings = List.copyOf(listings);
        this.clock = Executors.newSingleThreadScheduledExecutor(Threads.daemon("order-clock"));
        // Bounded: while the gateway hangs, buyers beyond the pool are skipped (and counted), not queued without end.
        this.buyers = new ThreadPoolExecutor(
                16, 16, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), Threads.daemon("buyer"), (task, pool) -> {
                    skipped.incrementAndGet();
                });
        this.redelivery = Executors.newSingleThreadScheduledExecutor(Threads.daemon("redelivery-clock"));
        this.redeliverers = new ThreadPoolExecutor(
                8, 8, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), Threads.daemon("redeliver"));
        long interval = (long) (1e9 / ordersPerSecond);
        clock.scheduleAtFixedRate(this::buy, interval, interval, TimeUnit.NANOSECONDS);
        redelivery.scheduleWithFixedDelay(this::redeliver, 1, 1, TimeUnit.SECONDS);
    }

    void resume() {
        running = true;
    }

    void pause() {
        running = false;
    }

    /**
     * While on, the sales' webhooks go round the {@link Delivery} kinds (12 listings and 5 kinds: every listing gets
     * every kind); off, each is delivered once again.
     */
    void disorder(boolean on) {
        disordered = on;
    }

    private void buy() {
        if (!running) {
            return;
        }
        int n = sequence.getAndIncrement();
        Listing listing = listings.get(Math.floorMod(n, listings.size()));
        Delivery delivery = disordered ? DISORDER.get(Math.floorMod(n, DISORDER.size())) : Delivery.ONCE;
        buyers.execute(() -> sell(listing, delivery));
    }

    /** One buyer at once on any listing (a flash sale's), recorded and redelivered as the stream's own. */
    void buyNow(Listing listing) {
        buyers.execute(() -> sell(listing, Delivery.ONCE));
    }

    private void sell(Listing listing, Delivery delivery) {
        String channel = listing.channelId();
        Sale sale = delivery == Delivery.ONCE
                ? shop.sell(channel, listing.listingId(), 1)
                : shop.sellWithoutWebhook(channel, listing.listingId(), 1);
        if (!sale.sold()) {
            return;
        }
        String key = SaleAnalysis.key(channel, sale.externalOrderId());
        sold.put(key, sale);
        deliveries.computeIfAbsent(delivery, d -> new AtomicInteger()).incrementAndGet();
        int status =
                switch (delivery) {
                    case ONCE -> sale.gatewayStatus();
                    case DROPPED -> {
                        dropped.add(key);
                        yield 200;
                    }
                    case TWICE_AT_ONCE -> {
                        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(
                                () -> shop.redeliver(channel, sale.deliveryId()), duplicates);
                        int first = shop.redeliver(channel, sale.deliveryId());
                        // 200 only once the order's row is committed, whichever copy committed it
                        yield first == 200 || other.join() == 200 ? 200 : first;
                    }
                    case COPY_WITH_NEW_ID -> {
                        int first = shop.redeliver(channel, sale.deliveryId());
                        shop.sendAnother(channel, sale.deliveryId(), false);
                        yield first;
                    }
                    case UPDATE_FIRST -> {
                        shop.sendAnother(channel, sale.deliveryId(), true);
                        yield shop.redeliver(channel, sale.deliveryId());
                    }
                };
        if (status != 200) {
            refusals.incrementAndGet();
            undelivered.put(key, sale);
        }
    }

    /** Sales per delivery kind so far. */
    Map<Delivery, Integer> deliveries() {
        Map<Delivery, Integer> counts = new java.util.EnumMap<>(Delivery.class);
        deliveries.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    /** Sales whose webhook was never sent, by channelId/externalOrderId. */
    Set<String> dropped() {
        return Set.copyOf(dropped);
    }

    /** The marketplace's retries: every second, each webhook not yet answered 200 is sent again. */
    private void redeliver() {
        undelivered.forEach((key, sale) -> {
            if (retrying.add(key)) {
                redeliverers.execute(() -> {
                    try {
                        String channel = key.substring(0, key.indexOf('/'));
                        if (shop.redeliver(channel, sale.deliveryId()) == 200) {
                            undelivered.remove(key);
                        }
                    } finally {
                        retrying.remove(key);
                    }
                });
            }
        });
    }

    /** Every sale so far, by channelId/externalOrderId. */
    Set<String> sold() {
        return Set.copyOf(sold.keySet());
    }

    int soldCount() {
        return sold.size();
    }

    /** First deliveries the gateway did not answer 200 (each then retried until it did). */
    int refusals() {
        return refusals.get();
    }

    int skipped() {
        return skipped.get();
    }

    /** Whether every sale's webhook has been answered 200 and no buyer is still waiting for the marketplace. */
    boolean delivered() {
        return undelivered.isEmpty()
                && buyers.getActiveCount() == 0
                && buyers.getQueue().isEmpty();
    }

    int undeliveredCount() {
        return undelivered.size();
    }

    @Override
    public void close() {
        running = false;
        clock.shutdownNow();
        redelivery.shutdownNow();
        buyers.shutdownNow();
        redeliverers.shutdownNow();
        duplicates.shutdownNow();
    }
}

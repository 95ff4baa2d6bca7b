package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The flash sale's simulated buyers: per channel a steady stream of one-unit purchases at the configured rate for the
 * configured time (open loop: a slow store does not slow the buyers down), each one's outcome recorded.
 */
final class FlashSaleBuyers {

    private final FlashSale.Options options;

    FlashSaleBuyers(FlashSale.Options options) {
        this.options = options;
    }

    /** @param listings channel id -> its listing of the SKU on sale */
    List<SaleAnalysis.Attempt> buy(MarketplaceSimulator shop, Map<String, String> listings) {
        int perChannel = (int) Math.min(20_000, Math.round(options.buyersPerSecond() * options.durationSeconds()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                options.threads(),
                options.threads(),
                1,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(perChannel * listings.size() + 1),
                Threads.daemon("buyer"));
        List<SaleAnalysis.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        long startNanos = System.nanoTime();
        long interval = (long) (1e9 / options.buyersPerSecond());
        List<Thread> dispatchers = new ArrayList<>();
        for (Map.Entry<String, String> channel : listings.entrySet()) {
            Thread dispatcher = new Thread(
                    () -> {
                        for (int i = 0; i < perChannel; i++) {
                            long wait = startNanos + i * interval - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            pool.execute(() -> {
                                Instant at = Instant.now();
                                Sale sale = shop.sell(channel.getKey(), channel.getValue(), 1);
                                attempts.add(new SaleAnalysis.Attempt(
                                        channel.getKey(),
                                        at,
                                        sale.sold(),
                                        sale.gatewayStatus(),
                                        sale.externalOrderId()));
                            });
                        }
                    },
                    "dispatch-" + channel.getKey());
            dispatcher.start();
            dispatchers.add(dispatcher);
        }
        try {
            for (Thread dispatcher : dispatchers) {
                dispatcher.join();
            }
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(attempts);
    }
}

package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The flash sale: one SKU, stock in two warehouses, simulated Shopify, Amazon and WooCommerce stores selling it to
 * a burst of buyers at once, each store selling only what it shows. Run twice: with Shelfsync's real-time pushes,
 * and with the same pushes held back as a scheduled (15-minute) sync would, in compressed time.
 *
 * <p>{@code java ... dev.shelfsync.scenarios.FlashSale [--channels=shopify,amazon,woocommerce,etsy] [--units=100]
 * [--buyers-per-second=40] [--duration=3] [--policy=shared|ring-fenced] [--buffer=5|auto] [--sync-every=2]
 * [--no-baseline] [--threads=24]}
 */
public final class FlashSale {

    /** How channels share the stock. */
    public enum Policy {
        /** One pool; each channel shows sellable minus a safety buffer. */
        SHARED,
        /** The stock split into per-channel ring-fences; each channel shows its fence. */
        RING_FENCED
    }

    /** Knobs of the scenario. */
    public record Options(
            List<String> channels,
            int units,
            int buyersPerSecond,
            double durationSeconds,
            Policy policy,
            int buffer,
            boolean autoBuffer,
            double syncEverySeconds,
            boolean baseline,
            int threads,
            Path reportRoot) {

        public static Options parse(String[] args, Path repoRoot) {
            Map<String, String> flags = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--")) {
                    int eq = arg.indexOf('=');
                    flags.put(
                            eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
                }
            }
            Options options = new Options(
                    Arrays.asList(flags.getOrDefault("channels", "shopify,amazon,woocommerce")
                            .split(",")),
                    Integer.parseInt(flags.getOrDefault("units", "100")),
                    Integer.parseInt(flags.getOrDefault("buyers-per-second", "40")),
                    Double.parseDouble(flags.getOrDefault("duration", "3")),
                    flags.getOrDefault("policy", "shared").startsWith("ring") ? Policy.RING_FENCED : Policy.SHARED,
                    // auto: inventory sizes each channel's buffer from its sync lag and the other channels' sales
                    flags.getOrDefault("buffer", "5").equals("auto")
                            ? 0
                            : Integer.parseInt(flags.getOrDefault("buffer", "5")),
                    flags.getOrDefault("buffer", "5").equals("auto"),
                    Double.parseDouble(flags.getOrDefault("sync-every", "2")),
                    !flags.containsKey("no-baseline"),
                    Integer.parseInt(flags.getOrDefault("threads", "24")),
                    repoRoot.resolve(flags.getOrDefault("reports", "run/reports")));
            for (String channel : options.channels()) {
                if (!List.of("shopify", "amazon", "woocommerce", "etsy").contains(channel)) {
                    throw new IllegalArgumentException(
                            "--channels takes shopify, amazon, woocommerce, etsy; got " + channel);
                }
            }
            if (options.units() < 1
                    || options.buyersPerSecond() < 1
                    || options.durationSeconds() <= 0
                    || options.durationSeconds() > 120
                    || options.buyersPerSecond() > 2000) {
                throw new IllegalArgumentException("units >= 1, 1 <= buyers-per-second <= 2000, 0 < duration <= 120");
            }
            return options;
        }
    }

    /** What a run produced. */
    public record Report(
            List<SaleAnalysis.Result> results, Path directory, Path markdown, List<Path> plots, String text) {}

    private static final Map<String, Integer> RATE_LIMITS =
            Map.of("shopify", 40, "woocommerce", 20, "amazon", 5, "etsy", 10);
    private static final double SAMPLE_SECONDS = 0.05;

    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final Options options;
    private final String stamp;

    public FlashSale(LocalSystem system, Options options) {
        this.shelfsync = new Shelfsync(system, new Http(8, system.token("scenario", List.of("admin"), List.of())));
        this.evidence = new Evidence(system.deployment());
        this.options = options;
        this.stamp =
                Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);
    }

    public static void main(String[] args) {
        Path root =
                Path.of(LocalSystem.env("SHELFSYNC_HOME", ".")).toAbsolutePath().normalize();
        Options options = Options.parse(args, root);
        try (LocalSystem system = LocalSystem.start(LocalSystem.Deployment.LOCAL, root)) {
            Report report = new FlashSale(system, options).run();
            System.out.println(report.text());
            System.out.println("Report: " + report.markdown());
            report.plots().forEach(p -> System.out.println("Plot:   " + p));
        }
    }

    /** Runs the real-time sale (and the scheduled-sync baseline unless disabled) and writes the report. */
    public Report run() {
        shelfsync.location("wh-east", "East warehouse (Leipzig)", 51.34, 12.37);
        shelfsync.location("wh-west", "West warehouse (Cologne)", 50.94, 6.96);
        List<FlashSaleReport.Run> runs = new ArrayList<>();
        runs.add(runOnce("live", false));
        if (options.baseline()) {
            runs.add(runOnce("15min", true));
        }
        return new FlashSaleReport(options, policyName()).write(runs);
    }

    private FlashSaleReport.Run runOnce(String label, boolean scheduled) {
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
            if (options.policy() == Policy.RING_FENCED) {
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
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, Threads.daemon("flash-sale-timer"));
        List<Push> syncPushes = new CopyOnWriteArrayList<>();
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
            Runnable sync = () -> listingPerChannel.forEach((channel, listing) -> {
                List<Push> received = shop.pushes(channel);
                Push latest = null;
                for (Push push : received) {
                    if (push.listingId().equals(listing)) {
                        latest = push;
                    }
                }
                if (latest != null) {
                    shop.setListedQuantity(channel, listing, latest.quantity());
                    syncPushes.add(new Push(
                            Instant.now(), listing, latest.quantity(), latest.version(), latest.salesInFlight()));
                }
            });
            if (scheduled) {
                sync.run();
            }
            long v0 = shelfsync.availabilityVersion(sku);
            long ledger0 = evidence.maxLedgerId();

            List<SaleAnalysis.Sample> samples = new CopyOnWriteArrayList<>();
            Instant start = Instant.now();
            timers.scheduleAtFixedRate(
                    () -> sample(samples, shop, listingPerChannel, sku),
                    0,
                    (long) (SAMPLE_SECONDS * 1000),
                    TimeUnit.MILLISECONDS);
            if (scheduled) {
                long every = (long) (options.syncEverySeconds() * 1000);
                timers.scheduleAtFixedRate(sync, every, every, TimeUnit.MILLISECONDS);
            }
            List<SaleAnalysis.Attempt> attempts = buy(shop, listingPerChannel);
            Instant buyingEnd = Instant.now();
            Map<String, String> buffers = buffers(sku, channelIds);
            settle(channelIds, attempts, scheduled);
            timers.shutdownNow();

            Map<String, Evidence.OrderRow> orders = evidence.orders(channelIds);
            List<SaleAnalysis.LedgerRow> ledger = new ArrayList<>();
            for (Evidence.ReservationRow row : evidence.reservationsAfter(ledger0)) {
                if (row.sku().equals(sku)) {
                    ledger.add(new SaleAnalysis.LedgerRow(row.id(), row.sku(), row.orderId()));
                }
            }
            Map<String, Map<String, Long>> versions = SaleAnalysis.assignVersions(Map.of(sku, v0), ledger);
            Map<String, SaleAnalysis.Outcome> outcomes = new LinkedHashMap<>();
            orders.forEach((key, order) -> outcomes.put(
                    key,
                    new SaleAnalysis.Outcome(
                            order.state(),
                            versions.getOrDefault(order.orderId(), Map.of()).get(sku))));
            long finalVersion = shelfsync.availabilityVersion(sku);
            long reservations = versions.size();
            String notes = finalVersion == v0 + reservations
                    ? "version mapping verified: " + reservations
                            + " reservation transactions took the SKU from version " + v0 + " to " + finalVersion
                    : options.autoBuffer() && finalVersion > v0 + reservations
                            ? "version went " + v0 + " -> " + finalVersion + " for " + reservations
                                    + " reservations: the other versions republished the auto buffers once sales"
                                    + " paused (latency matching assumes they came after the reservations)"
                            : "WARNING: version went " + v0 + " -> " + finalVersion + " but " + reservations
                                    + " reservations were seen; latency matching may be off";
            Map<String, List<Push>> pushes = new LinkedHashMap<>();
            for (String channel : channelIds) {
                List<Push> source = scheduled ? syncPushes : shop.pushes(channel);
                List<Push> own = new ArrayList<>();
                for (Push push : source) {
                    if (push.listingId().equals(listingPerChannel.get(channel))) {
                        own.add(push);
                    }
                }
                pushes.put(channel, own);
            }
            String model = scheduled
                    ? String.format(
                            Locale.ROOT,
                            "scheduled sync: Shelfsync's pushes land in a holding area and are copied to each"
                                    + " marketplace every %.1f s (a 15-minute sync compressed %.0fx), %s policy",
                            options.syncEverySeconds(),
                            900 / options.syncEverySeconds(),
                            policyName())
                    : "real-time sync: Shelfsync pushes every availability change at once, within each marketplace's"
                            + " rate limit (Shopify 40, WooCommerce 20, Amazon 5 requests/s), " + policyName()
                            + " policy";
            int finalSellable = shelfsync.sellable(sku);
            SaleAnalysis.Result result = SaleAnalysis.analyse(
                    label,
                    model,
                    options.units(),
                    listingPerChannel,
                    attempts,
                    outcomes,
                    pushes,
                    samples,
                    finalSellable,
                    start,
                    buyingEnd);
            return new FlashSaleReport.Run(
                    result,
                    new ArrayList<>(samples),
                    start,
                    notes,
                    ShelfExcess.aboveSellable(
                            samples,
                            options.units(),
                            attempts.stream()
                                    .filter(SaleAnalysis.Attempt::sold)
                                    .map(SaleAnalysis.Attempt::at)
                                    .toList()),
                    options.policy() == Policy.RING_FENCED
                            ? ShelfExcess.aboveFence(samples, fences, reservedSales(attempts, outcomes))
                            : Map.of(),
                    buffers);
        } finally {
            timers.shutdownNow();
            shop.close();
        }
    }

    private String policyName() {
        if (options.policy() == Policy.RING_FENCED) {
            return "ring-fenced allocation (stock split evenly into per-channel fences)";
        }
        return options.autoBuffer()
                ? "shared pool with an auto-sized safety buffer per channel (the units the other channels sell"
                        + " during the channel's sync lag)"
                : "shared pool with a " + options.buffer() + "-unit safety buffer per channel";
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

    /** When each channel's reserved sales happened (the buyer's moment), for the shelf-above-fence figure. */
    private static Map<String, List<Instant>> reservedSales(
            List<SaleAnalysis.Attempt> attempts, Map<String, SaleAnalysis.Outcome> outcomes) {
        Map<String, List<Instant>> sales = new LinkedHashMap<>();
        for (SaleAnalysis.Attempt attempt : attempts) {
            SaleAnalysis.Outcome outcome =
                    outcomes.get(SaleAnalysis.key(attempt.channelId(), attempt.externalOrderId()));
            if (attempt.sold()
                    && outcome != null
                    && outcome.state() != null
                    && !outcome.state().equals("received")
                    && !SaleAnalysis.OVERSOLD_STATES.contains(outcome.state())) {
                sales.computeIfAbsent(attempt.channelId(), c -> new ArrayList<>())
                        .add(attempt.at());
            }
        }
        return sales;
    }

    /** How each channel's buffer was sized when buying stopped, in words, from inventory's explanation. */
    private Map<String, String> buffers(String sku, List<String> channelIds) {
        Map<String, String> buffers = new LinkedHashMap<>();
        for (String channel : channelIds) {
            try {
                com.fasterxml.jackson.databind.JsonNode buffer = shelfsync
                        .explanation(sku, channel)
                        .path("terms")
                        .path("policy")
                        .path("buffer");
                com.fasterxml.jackson.databind.JsonNode auto = buffer.path("auto");
                buffers.put(
                        channel,
                        auto.isObject()
                                ? String.format(
                                        Locale.ROOT,
                                        "auto %d (%.1f units/s elsewhere x %d ms lag%s)",
                                        buffer.path("units").asInt(),
                                        auto.path("otherChannelsPerSecond").asDouble(),
                                        auto.path("lagMillis").asLong(),
                                        auto.path("lagMeasured").asBoolean() ? " p99" : ", assumed")
                                : buffer.path("mode").asText("fixed") + " "
                                        + buffer.path("units").asInt());
            } catch (RuntimeException e) {
                buffers.put(channel, "unknown (" + e.getMessage() + ")");
            }
        }
        return buffers;
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

    private void sample(
            List<SaleAnalysis.Sample> samples, MarketplaceSimulator shop, Map<String, String> listings, String sku) {
        try {
            Map<String, Integer> listed = new LinkedHashMap<>();
            listings.forEach((channel, listing) -> listed.put(channel, shop.listedQuantity(channel, listing)));
            samples.add(new SaleAnalysis.Sample(Instant.now(), listed, shelfsync.sellable(sku)));
        } catch (RuntimeException e) {
            // a missed sample leaves a gap in the plot, nothing more
        }
    }

    /** Simulated buyers: per channel a steady stream at the configured rate for the configured time. */
    private List<SaleAnalysis.Attempt> buy(MarketplaceSimulator shop, Map<String, String> listings) {
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

    /** Waits (bounded) until every accepted order reached a final state and the listings stopped moving. */
    private void settle(List<String> channelIds, List<SaleAnalysis.Attempt> attempts, boolean scheduled) {
        long accepted = attempts.stream()
                .filter(a -> a.sold() && a.gatewayStatus() == 200)
                .count();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            long done = evidence.orders(channelIds).values().stream()
                    .filter(o -> !o.state().equals("received"))
                    .count();
            if (done >= accepted) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        // Let the last pushes (or the next scheduled sync) land so the plot shows the end state.
        double tail = scheduled ? options.syncEverySeconds() + 0.5 : 1.5;
        LockSupport.parkNanos((long) (tail * 1e9));
    }
}

package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.MarketplaceSimulator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The flash sale: one SKU, stock in two warehouses, simulated Shopify, Amazon and WooCommerce stores selling it to
 * a burst of buyers at once, each store selling only what it shows. Run twice: with Shelfsync's real-time pushes,
 * and with the same pushes held back as a scheduled (15-minute) sync would, in compressed time.
 *
 * <p>{@code java ... dev.shelfsync.scenarios.FlashSale [--channels=shopify,amazon,woocommerce,etsy] [--units=100]
 * [--buyers-per-second=40] [--duration=3] [--policy=shared|ring-fenced] [--buffer=5|auto] [--sync-every=2]
 * [--no-baseline] [--threads=24]}
 *
 * <p>Each run: {@link FlashSaleSetUp} stocks and lists the SKU, {@link FlashSaleBuyers} buy while the stores'
 * listings are sampled, {@link FlashSaleResults} reads what happened, and {@link FlashSaleReport} writes it up.
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

        /** How the stock is shared, in words, for the report. */
        String policyName() {
            if (policy == Policy.RING_FENCED) {
                return "ring-fenced allocation (stock split evenly into per-channel fences)";
            }
            return autoBuffer
                    ? "shared pool with an auto-sized safety buffer per channel (the units the other channels sell"
                            + " during the channel's sync lag)"
                    : "shared pool with a " + buffer + "-unit safety buffer per channel";
        }
    }

    /** What a run produced. */
    public record Report(
            List<SaleAnalysis.Result> results, Path directory, Path markdown, List<Path> plots, String text) {}

    private static final double SAMPLE_SECONDS = 0.05;

    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final Options options;
    private final FlashSaleSetUp setUp;

    public FlashSale(LocalSystem system, Options options) {
        this.shelfsync = new Shelfsync(system, new Http(8, system.token("scenario", List.of("admin"), List.of())));
        this.evidence = new Evidence(system.deployment());
        this.options = options;
        String stamp =
                Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);
        this.setUp = new FlashSaleSetUp(shelfsync, options, stamp);
    }

    public static void main(String[] args) {
        Path root = Path.of(LocalServers.env("SHELFSYNC_HOME", "."))
                .toAbsolutePath()
                .normalize();
        Options options = Options.parse(args, root);
        try (LocalSystem system = LocalSystem.start(Deployment.LOCAL, root)) {
            Report report = new FlashSale(system, options).run();
            System.out.println(report.text());
            System.out.println("Report: " + report.markdown());
            report.plots().forEach(p -> System.out.println("Plot:   " + p));
        }
    }

    /** Runs the real-time sale (and the scheduled-sync baseline unless disabled) and writes the report. */
    public Report run() {
        setUp.locations();
        List<FlashSaleReport.Run> runs = new ArrayList<>();
        runs.add(runOnce("live", false));
        if (options.baseline()) {
            runs.add(runOnce("15min", true));
        }
        return new FlashSaleReport(options, options.policyName()).write(runs);
    }

    private FlashSaleReport.Run runOnce(String label, boolean scheduled) {
        FlashSaleSetUp.Stage stage = setUp.stage(label, scheduled);
        MarketplaceSimulator shop = stage.shop();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, Threads.daemon("flash-sale-timer"));
        try {
            ScheduledSync sync = new ScheduledSync(shop, stage.listings());
            if (scheduled) {
                sync.run();
            }
            long v0 = shelfsync.availabilityVersion(stage.sku());
            long ledger0 = evidence.maxLedgerId();

            List<SaleAnalysis.Sample> samples = new CopyOnWriteArrayList<>();
            Instant start = Instant.now();
            timers.scheduleAtFixedRate(
                    () -> sample(samples, stage), 0, (long) (SAMPLE_SECONDS * 1000), TimeUnit.MILLISECONDS);
            if (scheduled) {
                long every = (long) (options.syncEverySeconds() * 1000);
                timers.scheduleAtFixedRate(sync, every, every, TimeUnit.MILLISECONDS);
            }
            List<SaleAnalysis.Attempt> attempts = new FlashSaleBuyers(options).buy(shop, stage.listings());
            Instant buyingEnd = Instant.now();
            FlashSaleResults results = new FlashSaleResults(shelfsync, evidence, options, stage, scheduled);
            Map<String, String> buffers = results.buffers();
            results.settle(attempts);
            timers.shutdownNow();
            return results.run(
                    label,
                    new FlashSaleResults.Sale(v0, ledger0, attempts, samples, start, buyingEnd),
                    sync.pushes(),
                    buffers);
        } finally {
            timers.shutdownNow();
            shop.close();
        }
    }

    /** What each store shows and what is truly sellable, now; a missed sample leaves a gap in the plot. */
    private void sample(List<SaleAnalysis.Sample> samples, FlashSaleSetUp.Stage stage) {
        try {
            Map<String, Integer> listed = new LinkedHashMap<>();
            stage.listings()
                    .forEach((channel, listing) ->
                            listed.put(channel, stage.shop().listedQuantity(channel, listing)));
            samples.add(new SaleAnalysis.Sample(Instant.now(), listed, shelfsync.sellable(stage.sku())));
        } catch (RuntimeException e) {
            // a missed sample leaves a gap in the plot, nothing more
        }
    }
}

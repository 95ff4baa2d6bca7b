package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Benchmark.SKUS;
import static dev.shelfsync.scenarios.Benchmark.listing;
import static dev.shelfsync.scenarios.Benchmark.log;
import static dev.shelfsync.scenarios.Benchmark.sku;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark phases (c) and (e): signed native webhooks at fixed rates over 10,000 SKUs listed on two stores, until
 * latency or errors break. This class runs the ramp; {@link StepLatencies} measures a step and
 * {@link SustainedReport} writes the tables.
 */
final class SustainedOrders {

    // The first step runs on services that have not served a webhook yet (reported as cold); the ramp then goes on
    // until latency or errors break, so the table shows the knee rather than one fixed rate.
    private static final double COLD_RATE = 50;
    private static final double[] RATES = {50, 100, 150, 200, 300, 400, 600};
    private static final double BROKEN_P99_MILLIS = 1000;

    private final LocalSystem system;
    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final StringBuilder md;
    private final Path profiles;

    /** @param profiles where each step's flight recordings go; {@code null}: no profiling */
    SustainedOrders(LocalSystem system, Shelfsync shelfsync, Evidence evidence, StringBuilder md, Path profiles) {
        this.system = system;
        this.shelfsync = shelfsync;
        this.evidence = evidence;
        this.md = md;
        this.profiles = profiles;
    }

    /** One step's webhooks as sent: how long sending took, each attempt, the SKU of each order and HTTP times. */
    private record Sent(
            double seconds,
            List<SaleAnalysis.Attempt> attempts,
            Map<String, Integer> skuOf,
            List<Double> webhookMillis) {}

    void run() {
        log("sustained load setup");
        List<String> channels = List.of("shopify-load", "woocommerce-load");
        List<ChannelConfig> configs = List.of(
                ChannelConfig.of(channels.get(0), "shopify", "whsec-load-s", system.url("gateway"), 40),
                ChannelConfig.of(channels.get(1), "woocommerce", "whsec-load-w", system.url("gateway"), 20));
        MarketplaceSimulator sim = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, configs));
        try {
            listEverySku(sim, configs);
            evidence.awaitNoPushBacklog(channels, 90);
            SustainedReport report = new SustainedReport(md);
            report.begin();
            String knee = null;
            String kneeProfile = null;
            String coldProfile = null;
            Random random = new Random(11);
            List<Double> steps = new ArrayList<>();
            steps.add(COLD_RATE);
            for (double rate : RATES) {
                steps.add(rate);
            }
            CostMeter meter = new CostMeter(system);
            for (int stepIndex = 0; stepIndex < steps.size(); stepIndex++) {
                double rate = steps.get(stepIndex);
                String label = String.format(Locale.ROOT, stepIndex == 0 ? "%.0f (cold)" : "%.0f", rate);
                meter.awaitQuiet(120);
                log("sustained " + label + " orders/s");
                long pushes0 =
                        channels.stream().mapToLong(c -> sim.pushes(c).size()).sum();
                CostMeter.Snapshot before = meter.snapshot();
                Profiler profiler = profiles == null
                        ? null
                        : Profiler.start(system, profiles.resolve(String.format(Locale.ROOT, "step-%02d", stepIndex)));
                Map<String, Long> v0 = evidence.versions("BENCH-");
                long ledger0 = evidence.maxLedgerId();
                Sent sent = send(sim, channels, rate, random);
                awaitOrders(channels, sent.attempts(), 30);
                evidence.awaitNoPushBacklog(channels, 30);
                String profile = profiler == null ? null : profiler.stop();
                CostMeter.Costs costs = before.since();
                long pushes =
                        channels.stream().mapToLong(c -> sim.pushes(c).size()).sum() - pushes0;
                StepLatencies step =
                        StepLatencies.of(evidence, channels, sent.attempts(), sent.skuOf(), v0, ledger0, sim);
                report.step(
                        label,
                        sent.attempts().size() / sent.seconds(),
                        step,
                        Percentiles.summarize(sent.webhookMillis()),
                        costs,
                        pushes);
                boolean broken = step.total().p99() > BROKEN_P99_MILLIS
                        || step.errors() + step.unresolved() > Math.max(1, step.accepted() / 100);
                if (broken && stepIndex > 0) {
                    report.stopped(label, BROKEN_P99_MILLIS, knee);
                    if (kneeProfile == null) {
                        kneeProfile = profile;
                    }
                    break;
                }
                if (stepIndex == 0) {
                    coldProfile = profile;
                } else {
                    knee = label;
                    kneeProfile = profile;
                }
            }
            meter.close();
            report.end(coldProfile, kneeProfile);
        } finally {
            sim.close();
        }
    }

    /** Registers both stores and lists every SKU on each. */
    private void listEverySku(MarketplaceSimulator sim, List<ChannelConfig> configs) {
        for (ChannelConfig config : configs) {
            shelfsync.channel(
                    config.id(),
                    config.type(),
                    config.webhookSecret(),
                    sim.apiBaseUrl(config.id()),
                    config.rateLimitPerSecond());
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i <= SKUS; i++) {
                rows.add(new String[] {listing(config.type(), i), sku(i)});
            }
            shelfsync.importListings(config.id(), rows);
        }
    }

    /** 15 s of orders at {@code rate}: random store, random SKU, 1-2 units, as the store's signed webhook. */
    private static Sent send(MarketplaceSimulator sim, List<String> channels, double rate, Random random) {
        List<SaleAnalysis.Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> skuOf = new ConcurrentHashMap<>();
        List<Double> webhookMillis = Collections.synchronizedList(new ArrayList<>());
        double seconds = Load.openLoop(rate, 15, 48, n -> {
            int i;
            String channel;
            int quantity;
            synchronized (random) {
                i = 1 + random.nextInt(SKUS);
                channel = channels.get(random.nextInt(2));
                quantity = 1 + random.nextInt(2);
            }
            String type = channel.startsWith("shopify") ? "shopify" : "woocommerce";
            Instant at = Instant.now();
            long t0 = System.nanoTime();
            Sale sale = sim.sell(channel, listing(type, i), quantity);
            webhookMillis.add((System.nanoTime() - t0) / 1e6);
            attempts.add(
                    new SaleAnalysis.Attempt(channel, at, sale.sold(), sale.gatewayStatus(), sale.externalOrderId()));
            if (sale.externalOrderId() != null) {
                skuOf.put(SaleAnalysis.key(channel, sale.externalOrderId()), i);
            }
        });
        return new Sent(seconds, attempts, skuOf, webhookMillis);
    }

    private void awaitOrders(List<String> channels, List<SaleAnalysis.Attempt> attempts, int seconds) {
        long accepted = attempts.stream()
                .filter(a -> a.sold() && a.gatewayStatus() == 200)
                .count();
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            long open = evidence.orders(channels).values().stream()
                    .filter(o -> o.state().equals("received"))
                    .count();
            long all = evidence.orders(channels).size();
            if (open == 0 && all >= accepted) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}

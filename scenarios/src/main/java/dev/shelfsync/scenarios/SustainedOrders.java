package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Benchmark.SKUS;
import static dev.shelfsync.scenarios.Benchmark.listing;
import static dev.shelfsync.scenarios.Benchmark.log;
import static dev.shelfsync.scenarios.Benchmark.sku;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark phases (c) and (e): signed native webhooks at fixed rates over 10,000 SKUs listed on two stores, until
 * latency or errors break; per-hop latencies from the databases' timestamps and routing's decision times.
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

    void run() {
        log("sustained load setup");
        List<String> channels = List.of("shopify-load", "woocommerce-load");
        List<ChannelConfig> configs = List.of(
                ChannelConfig.of(channels.get(0), "shopify", "whsec-load-s", system.url("gateway"), 40),
                ChannelConfig.of(channels.get(1), "woocommerce", "whsec-load-w", system.url("gateway"), 20));
        MarketplaceSimulator sim = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, configs));
        try {
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
            evidence.awaitNoPushBacklog(channels, 90);
            md.append("## (c) Sustained mixed orders through the gateway webhooks\n\n");
            md.append("Two simulated stores (Shopify, GraphQL batches of 250 at 40 req/s; WooCommerce, batches of 100"
                    + " at 20 req/s), 10,000 SKUs listed on both. Orders: random store, random SKU, 1-2 units, sent as"
                    + " the store's signed native webhook at a fixed rate for 15 s per step (open loop, 48 sender"
                    + " threads). Latency = webhook sent -> the *other* store received a push that accounts for the"
                    + " sale (a version >= the reservation's, or the sale named among those in flight it subtracts;"
                    + " definition as in the flash-sale report). Hops from DB timestamps:"
                    + " gateway intake commit (`webhook_intake.received_at`), routing order stored"
                    + " (`customer_order.created_at`), inventory reservation (`ledger_entry.occurred_at`, transaction"
                    + " start), push arrival at the store.\n\n");
            md.append("| orders/s offered | achieved | accepted | reserved | unresolved | webhook errors |"
                    + " webhook -> other store pushed p50 / p99 / max | webhook HTTP p50 / p99 |\n");
            md.append("|---|---|---|---|---|---|---|---|\n");
            StringBuilder hops = new StringBuilder();
            StringBuilder routing = new StringBuilder();
            StringBuilder cost = new StringBuilder();
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
                    attempts.add(new SaleAnalysis.Attempt(
                            channel, at, sale.sold(), sale.gatewayStatus(), sale.externalOrderId()));
                    if (sale.externalOrderId() != null) {
                        skuOf.put(SaleAnalysis.key(channel, sale.externalOrderId()), i);
                    }
                });
                awaitOrders(channels, attempts, 30);
                evidence.awaitNoPushBacklog(channels, 30);
                String profile = profiler == null ? null : profiler.stop();
                CostMeter.Costs costs = before.since();
                long pushes =
                        channels.stream().mapToLong(c -> sim.pushes(c).size()).sum() - pushes0;
                Step step = analyseStep(channels, attempts, skuOf, v0, ledger0, sim);
                cost.append(costRow(label, costs, step.accepted, pushes));
                Percentiles.Summary webhook = Percentiles.summarize(webhookMillis);
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %d | %d | %d | %d | **%.0f / %.0f / %.0f ms** (n=%d, %d without push) |"
                                + " %.0f / %.0f ms |%n",
                        label,
                        attempts.size() / seconds,
                        step.accepted,
                        step.reserved,
                        step.unresolved,
                        step.errors,
                        step.total.p50(),
                        step.total.p99(),
                        step.total.max(),
                        step.total.count(),
                        step.missing,
                        webhook.p50(),
                        webhook.p99()));
                hops.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s |%n",
                        label,
                        pp(step.toIntake),
                        pp(step.toRouting),
                        pp(step.toReserved),
                        pp(step.toPush)));
                routing.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s |%n",
                        label,
                        pp(step.routingToReserved),
                        pp(step.routingToRouted)));
                boolean broken = step.total.p99() > BROKEN_P99_MILLIS
                        || step.errors + step.unresolved > Math.max(1, step.accepted / 100);
                if (broken && stepIndex > 0) {
                    md.append(String.format(
                            Locale.ROOT,
                            "%nStopped after %s orders/s: p99 above %.0f ms or more than 1%% errors/unresolved."
                                    + " Knee (the highest warm rate that held): %s.%n",
                            label,
                            BROKEN_P99_MILLIS,
                            knee == null ? "none" : knee + " orders/s"));
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
            md.append("\nCost per accepted order, each step measured from its first webhook until its orders were"
                            + " routed and its pushes done (CPU = utime + stime from /proc; PostgreSQL = all its processes;"
                            + " commits and rows from pg_stat_database, messages = outbox rows written, deliveries ="
                            + " inbox rows written; HTTP = requests the simulated stores received per order):\n\n")
                    .append(costHeader())
                    .append(cost);
            if (coldProfile != null) {
                md.append("\nProfile of the cold step (JIT compilation and first-use work included):\n\n")
                        .append(coldProfile);
            }
            if (kneeProfile != null) {
                md.append("\nProfile of the step at the knee (JFR `settings=profile`, execution samples of each"
                                + " service over the step; recordings under the report directory):\n\n")
                        .append(kneeProfile);
            }
            md.append("\nPer hop, p50 / p99 in ms (each hop measured on its own; sums of percentiles are not"
                            + " percentiles of sums):\n\n| orders/s | webhook sent -> gateway intake committed |"
                            + " intake -> routing order stored | routing order -> inventory reserved |"
                            + " intake committed -> other store received push |\n|---|---|---|---|---|\n")
                    .append(hops);
            md.append("\n## (e) Routing: decision and order -> reserved\n\n"
                            + "From the same orders: routing order stored -> inventory's reservation transaction began"
                            + " (routing's ranking + its outbox relay + RabbitMQ + inventory's consumer), and routing order"
                            + " stored -> routing recorded `routed` (the full round trip: + inventory's outbox + RabbitMQ +"
                            + " routing's consumer). The ranking itself is not timestamped separately.\n\n"
                            + "| orders/s | order stored -> reservation began (p50 / p99 ms) |"
                            + " order stored -> routed (p50 / p99 ms) |\n|---|---|---|\n")
                    .append(routing)
                    .append('\n');
        } finally {
            sim.close();
        }
    }

    private static final List<String> COMPONENTS =
            List.of("gateway", "routing", "inventory", "returns", "alerting", CostMeter.POSTGRESQL, CostMeter.RABBITMQ);

    private static String costHeader() {
        StringBuilder md = new StringBuilder("| orders/s |");
        COMPONENTS.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append(" **Shelfsync total** | ")
                .append(CostMeter.HARNESS)
                .append(" | commits | rows inserted | messages | deliveries | HTTP to stores |\n|---|");
        md.append("---|".repeat(COMPONENTS.size() + 7)).append('\n');
        return md.toString();
    }

    private static String costRow(String label, CostMeter.Costs costs, long orders, long pushes) {
        StringBuilder md = new StringBuilder("| ").append(label).append(" |");
        COMPONENTS.forEach(c -> md.append(String.format(Locale.ROOT, " %.2f |", costs.cpuMillisPer(c, orders))));
        CostMeter.Writes total = costs.total();
        double n = Math.max(1, orders);
        md.append(String.format(
                Locale.ROOT,
                " **%.2f ms** | %.2f ms | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                costs.systemCpuMillisPer(orders),
                costs.cpuMillisPer(CostMeter.HARNESS, orders),
                total.commits() / n,
                total.rowsInserted() / n,
                total.published() / n,
                total.consumed() / n,
                pushes / n));
        return md.toString();
    }

    private static String pp(Percentiles.Summary s) {
        return s.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f", s.p50(), s.p99());
    }

    private record Step(
            int accepted,
            int reserved,
            int unresolved,
            int errors,
            int missing,
            Percentiles.Summary total,
            Percentiles.Summary toIntake,
            Percentiles.Summary toRouting,
            Percentiles.Summary toReserved,
            Percentiles.Summary toPush,
            Percentiles.Summary routingToReserved,
            Percentiles.Summary routingToRouted) {}

    private Step analyseStep(
            List<String> channels,
            List<SaleAnalysis.Attempt> attempts,
            Map<String, Integer> skuOf,
            Map<String, Long> v0,
            long ledger0,
            MarketplaceSimulator sim) {
        Map<String, Evidence.OrderRow> orders = evidence.orders(channels);
        Map<String, Instant> intakes = evidence.intakes(channels);
        List<Evidence.ReservationRow> ledger = evidence.reservationsAfter(ledger0);
        List<SaleAnalysis.LedgerRow> rows = new ArrayList<>();
        Map<String, Instant> reservedAt = new HashMap<>();
        for (Evidence.ReservationRow row : ledger) {
            rows.add(new SaleAnalysis.LedgerRow(row.id(), row.sku(), row.orderId()));
            reservedAt.putIfAbsent(row.orderId(), row.occurredAt());
        }
        Map<String, Map<String, Long>> versions = SaleAnalysis.assignVersions(v0, rows);
        // pushes per channel per listing, in arrival order
        Map<String, Map<String, List<Push>>> pushes = new HashMap<>();
        for (String channel : channels) {
            Map<String, List<Push>> byListing = new HashMap<>();
            for (Push push : sim.pushes(channel)) {
                byListing
                        .computeIfAbsent(push.listingId(), l -> new ArrayList<>())
                        .add(push);
            }
            pushes.put(channel, byListing);
        }
        int accepted = 0;
        int reserved = 0;
        int unresolved = 0;
        int errors = 0;
        int missing = 0;
        List<Double> total = new ArrayList<>();
        List<Double> toIntake = new ArrayList<>();
        List<Double> toRouting = new ArrayList<>();
        List<Double> toReserved = new ArrayList<>();
        List<Double> toPush = new ArrayList<>();
        List<Double> routingToReserved = new ArrayList<>();
        List<Double> routingToRouted = new ArrayList<>();
        for (SaleAnalysis.Attempt attempt : attempts) {
            if (!attempt.sold()) {
                continue;
            }
            if (attempt.gatewayStatus() != 200) {
                errors++;
                continue;
            }
            accepted++;
            String key = SaleAnalysis.key(attempt.channelId(), attempt.externalOrderId());
            Evidence.OrderRow order = orders.get(key);
            if (order == null || !order.state().equals("routed")) {
                unresolved++;
                continue;
            }
            reserved++;
            String sku = sku(skuOf.get(key));
            Long version = versions.getOrDefault(order.orderId(), Map.of()).get(sku);
            Instant intake = intakes.get(key);
            Instant reservation = reservedAt.get(order.orderId());
            add(toIntake, attempt.at(), intake);
            add(toRouting, intake, order.createdAt());
            add(toReserved, order.createdAt(), reservation);
            add(routingToReserved, order.createdAt(), reservation);
            add(routingToRouted, order.createdAt(), order.routedAt());
            for (String other : channels) {
                if (other.equals(attempt.channelId())) {
                    continue;
                }
                String listing = listing(other.startsWith("shopify") ? "shopify" : "woocommerce", skuOf.get(key));
                Push hit = null;
                for (Push push : pushes.get(other).getOrDefault(listing, List.of())) {
                    if (push.reflects(attempt.channelId(), attempt.externalOrderId(), version)
                            && !push.arrivedAt().isBefore(attempt.at())) {
                        hit = push;
                        break;
                    }
                }
                if (hit == null) {
                    missing++;
                } else {
                    add(total, attempt.at(), hit.arrivedAt());
                    add(toPush, intake, hit.arrivedAt());
                }
            }
        }
        return new Step(
                accepted,
                reserved,
                unresolved,
                errors,
                missing,
                Percentiles.summarize(total),
                Percentiles.summarize(toIntake),
                Percentiles.summarize(toRouting),
                Percentiles.summarize(toReserved),
                Percentiles.summarize(toPush),
                Percentiles.summarize(routingToReserved),
                Percentiles.summarize(routingToRouted));
    }

    private static void add(List<Double> into, Instant from, Instant to) {
        if (from != null && to != null) {
            into.add(Duration.between(from, to).toNanos() / 1e6);
        }
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

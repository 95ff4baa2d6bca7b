package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The fault run: the five services with simulated Shopify, Amazon and WooCommerce stores, a steady stream of orders
 * as signed webhooks, and one fault after another. After each fault the run waits (bounded) until every invariant
 * of {@link ChaosInvariants} holds again and records how long that took, how many orders the fault touched and what
 * readiness said meanwhile.
 *
 * <p>{@code scripts/chaos.sh [--short|--full] [--runs=N] [--only=id,id]}: the short tier (one broker restart and one
 * {@code kill -9} under light load, a few minutes) is what CI runs through the system tests; the full tier adds a
 * broker down for two minutes, a PostgreSQL crash, a {@code kill -9} of every service, a marketplace storm,
 * duplicated, reordered and missing webhooks ({@link DisorderedWebhooks}) and a broker {@code kill -9} in a
 * ring-fenced flash sale ({@link FencedFlashSale}), and writes its figures into RELIABILITY.md.
 */
public final class Chaos {

    /** How much of the run: the CI tier or everything. */
    public enum Tier {
        SHORT(Duration.ofSeconds(90)),
        FULL(Duration.ofSeconds(180));

        /** How long after a fault is undone every check must hold, or the step fails. */
        public final Duration recoveryBound;

        Tier(Duration recoveryBound) {
            this.recoveryBound = recoveryBound;
        }
    }

    /** One fault's outcome, for the report. */
    public record StepResult(
            String name,
            String fault,
            String proves,
            double faultSeconds,
            Double recoverySeconds,
            int salesDuringStep,
            int refusedWebhooks,
            ChaosInvariants.Verdict verdict,
            Set<String> notReadyDuringFault,
            boolean readinessExpectedDown,
            Double readyAgainSeconds,
            String error,
            Integer oversold,
            String notes) {

        /** Converged in time, nothing lost, doubled or oversold, and readiness went down when it had to. */
        public boolean passed() {
            return error == null
                    && recoverySeconds != null
                    && verdict.holds()
                    && (oversold == null || oversold == 0)
                    && (!readinessExpectedDown || !notReadyDuringFault.isEmpty());
        }
    }

    /**
     * What a fault found besides the common checks: units sold beyond a fence (null: no fences), a summary, and what
     * it saw go wrong that the common checks cannot see (null: nothing).
     */
    record Findings(Integer oversold, String notes, String failure) {
        static final Findings NONE = new Findings(null, null);

        Findings(Integer oversold, String notes) {
            this(oversold, notes, null);
        }
    }

    /**
     * What to run: the tier, each fault {@code runs} times in a row, and only the faults named in {@code only} (their
     * ids, as {@code --only} takes them; empty: all of the tier).
     */
    public record Plan(Tier tier, int runs, Set<String> only) {
        public static Plan of(Tier tier) {
            return new Plan(tier, 1, Set.of());
        }

        /** {@code [--short|--full] [--runs=N] [--only=id,id]}. */
        static Plan parse(String[] args) {
            Tier tier = Tier.FULL;
            int runs = 1;
            Set<String> only = new java.util.LinkedHashSet<>();
            for (String arg : args) {
                if (arg.equals("--short")) {
                    tier = Tier.SHORT;
                } else if (arg.equals("--full")) {
                    tier = Tier.FULL;
                } else if (arg.matches("--runs=[1-9][0-9]?")) {
                    runs = Integer.parseInt(arg.substring("--runs=".length()));
                } else if (arg.startsWith("--only=") && arg.length() > "--only=".length()) {
                    only.addAll(List.of(arg.substring("--only=".length()).split(",")));
                } else {
                    throw new IllegalArgumentException(arg);
                }
            }
            return new Plan(tier, runs, Set.copyOf(only));
        }
    }

    /** The whole run. */
    public record Result(Plan plan, List<StepResult> steps, double seconds, Path report) {
        public boolean passed() {
            return steps.stream().allMatch(StepResult::passed);
        }
    }

    private static final Map<String, Integer> RATE_LIMITS = Map.of("shopify", 40, "woocommerce", 20, "amazon", 5);
    private static final int SKUS = 4;
    private static final int UNITS_PER_SKU = 50_000;

    private final LocalSystem system;
    private final Tier tier;
    private final Plan plan;
    private final Path reportRoot;
    private final Shelfsync shelfsync;
    private final String stamp =
            Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);

    public Chaos(LocalSystem system, Tier tier, Path reportRoot) {
        this(system, Plan.of(tier), reportRoot);
    }

    public Chaos(LocalSystem system, Plan plan, Path reportRoot) {
        this.system = system;
        this.plan = plan;
        this.tier = plan.tier();
        this.reportRoot = reportRoot;
        this.shelfsync = new Shelfsync(system, new Http(8, system.token("chaos", List.of("admin"), List.of())));
    }

    public static void main(String[] args) {
        Plan plan;
        try {
            plan = Plan.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("unknown argument " + e.getMessage()
                    + "; usage: scripts/chaos.sh [--short|--full] [--runs=N] [--only=" + String.join(",", FAULT_IDS)
                    + "]");
            System.exit(2);
            return;
        }
        Tier tier = plan.tier();
        Path root =
                Path.of(LocalSystem.env("SHELFSYNC_HOME", ".")).toAbsolutePath().normalize();
        log("starting the five services (" + LocalSystem.Deployment.CHAOS.vhost() + ", ports "
                + LocalSystem.Deployment.CHAOS.port("inventory") + "-"
                + LocalSystem.Deployment.CHAOS.port("alerting") + ")");
        Result result;
        try (LocalSystem system = LocalSystem.start(
                LocalSystem.Deployment.CHAOS, root, Map.of("GATEWAY_DRIFT_GRACE", DisorderedWebhooks.DRIFT_GRACE))) {
            result = new Chaos(system, plan, root.resolve("run/reports")).run();
            if (tier == Tier.FULL) {
                ChaosReport.updateReliability(root.resolve("RELIABILITY.md"), result);
                log("figures written into " + root.resolve("RELIABILITY.md"));
            }
        } catch (RuntimeException e) {
            log("the chaos run could not run: " + ChaosInvariants.oneLine(e));
            System.exit(1);
            return;
        }
        log("report: " + result.report());
        log(
                result.passed()
                        ? "every fault recovered, nothing lost or doubled"
                        : "SOME FAULT DID NOT RECOVER (see report)");
        System.exit(result.passed() ? 0 : 1);
    }

    /** Sets up the stores, runs every fault of the tier in turn and writes the report. */
    public Result run() {
        Instant start = Instant.now();
        List<ChannelConfig> configs = new ArrayList<>();
        for (String type : List.of("shopify", "woocommerce", "amazon")) {
            String id = "chaos-" + type + "-" + stamp.toLowerCase(Locale.ROOT);
            configs.add(ChannelConfig.of(id, type, "whsec-" + id, system.url("gateway"), RATE_LIMITS.get(type)));
        }
        List<ChannelConfig> flashStores = FencedFlashSale.stores(stamp, system.url("gateway"), RATE_LIMITS);
        List<ChannelConfig> stores = new ArrayList<>(configs);
        stores.addAll(flashStores);
        List<StepResult> steps = new ArrayList<>();
        try (MarketplaceSimulator shop = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, stores));
                ServerFaults servers = new ServerFaults();
                ReadinessWatch readiness = new ReadinessWatch(urls())) {
            List<OrderStream.Listing> listings = setUp(shop, configs);
            ChaosInvariants invariants = new ChaosInvariants(shelfsync, shop, listings);
            double rate = tier == Tier.SHORT ? 3 : 5;
            try (OrderStream orders = new OrderStream(shop, listings, rate);
                    FencedFlashSale flashSale =
                            new FencedFlashSale(shelfsync, shop, flashStores, orders, invariants, servers, stamp)) {
                Steps runner = new Steps(orders, invariants, readiness);
                List<Fault> faults = new ArrayList<>(faults(servers, shop, configs));
                if (tier == Tier.FULL) {
                    // Not in the short tier (the system tests' shared deployment): the webhook step's drift repair
                    // needs the fault run's short drift-grace, and the flash sale's fences would hold back stock of
                    // every SKU on those channels while other system tests run; the poison step reads the fault
                    // run's own vhost.
                    faults.add(new DisorderedWebhooks(orders, invariants, Duration.ofSeconds(30)).fault());
                    faults.add(flashSale.fault());
                    faults.add(
                            new PoisonMessages(LocalSystem.Deployment.CHAOS.vhost(), Duration.ofSeconds(10)).fault());
                }
                faults.removeIf(fault -> !plan.only().isEmpty() && !plan.only().contains(fault.id()));
                if (faults.isEmpty()) {
                    throw new IllegalArgumentException("no fault of the " + tier + " tier is named " + plan.only());
                }
                run:
                for (Fault fault : faults) {
                    for (int n = 1; n <= plan.runs(); n++) {
                        log("fault " + (steps.size() + 1) + ": " + fault.name()
                                + (plan.runs() > 1 ? " (run " + n + " of " + plan.runs() + ")" : "") + " ("
                                + fault.description() + ")");
                        StepResult result = runner.run(fault);
                        steps.add(result);
                        log(fault.name() + ": " + outcome(result));
                        if (result.error() != null && result.recoverySeconds() == null) {
                            // the system did not come back: later faults would measure the same breakage again
                            log("stopping the run: the system did not recover from " + fault.name());
                            break run;
                        }
                    }
                }
            }
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Path report = ChaosReport.write(reportRoot, plan, steps, seconds);
        return new Result(plan, steps, seconds, report);
    }

    private Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        LocalSystem.SERVICES.keySet().forEach(service -> urls.put(service, system.url(service)));
        return urls;
    }

    /** Two warehouses, a few SKUs with ample stock, every SKU listed on every store; waits for the first pushes. */
    private List<OrderStream.Listing> setUp(MarketplaceSimulator shop, List<ChannelConfig> configs) {
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

    /** The tier's faults, in order. */
    private List<Fault> faults(ServerFaults servers, MarketplaceSimulator shop, List<ChannelConfig> configs) {
        List<Fault> faults = new ArrayList<>();
        boolean full = tier == Tier.FULL;
        int restartSeconds = full ? 10 : 6;
        faults.add(new Fault(
                "broker-restart",
                "broker restart",
                "RabbitMQ stopped for " + restartSeconds + " s, then started",
                "relays, consumers and push loops reconnect by themselves after a broker restart; publishes that"
                        + " were never confirmed are sent again and deduplicated",
                true,
                () -> {
                    servers.stopBroker();
                    sleep(Duration.ofSeconds(restartSeconds));
                },
                servers::startBroker));
        if (full) {
            faults.add(new Fault(
                    "broker-down",
                    "broker down 2 min",
                    "RabbitMQ stopped for 120 s while webhooks keep coming",
                    "webhooks are still accepted into the outboxes while the broker is away; the backlog drains"
                            + " once it is back, in order and without doubles",
                    true,
                    () -> {
                        servers.stopBroker();
                        sleep(Duration.ofSeconds(120));
                    },
                    servers::startBroker));
            faults.add(new Fault(
                    "postgres-crash",
                    "PostgreSQL crash",
                    "pg_ctlcluster stop -m immediate, 8 s down, started (crash recovery)",
                    "no webhook is answered 200 without its row committed; connection pools come back after the"
                            + " database's crash recovery",
                    true,
                    () -> {
                        servers.crashDatabase();
                        sleep(Duration.ofSeconds(8));
                    },
                    servers::startDatabase));
        }
        // two missed heartbeats (10 s each) declare a silent connection dead; the fault outlasts them
        faults.add(new BrokerPartition(system.brokerLink(), Duration.ofSeconds(full ? 45 : 28)).fault());
        List<String> victims = full ? List.copyOf(LocalSystem.SERVICES.keySet()) : List.of("inventory");
        for (String service : victims) {
            faults.add(new Fault(
                    "kill-" + service,
                    "kill -9 " + service,
                    service + " killed with SIGKILL, started again after 3 s",
                    "deliveries " + service + " held unacknowledged are redelivered and applied once; its outbox"
                            + " rows are published after the restart",
                    false,
                    () -> {
                        system.kill(service);
                        sleep(Duration.ofSeconds(3));
                    },
                    () -> system.restart(service)));
        }
        if (full) {
            ChannelConfig throttled = configs.get(0);
            ChannelConfig failing = configs.get(1);
            ChannelConfig hanging = configs.get(2);
            Duration storm = Duration.ofSeconds(60);
            faults.add(new Fault(
                    "storm",
                    "marketplace storm",
                    throttled.type() + " answers 429 with Retry-After, " + failing.type() + " 500, " + hanging.type()
                            + " hangs, for 60 s",
                    "pushes back off and retry without blocking the other stores; once the stores answer again"
                            + " every listing converges to the current quantity",
                    false,
                    () -> {
                        shop.failFor(throttled.id(), 429, storm);
                        shop.failFor(failing.id(), 500, storm);
                        shop.hangFor(hanging.id(), storm);
                        sleep(storm);
                    },
                    () -> {}));
        }
        return faults;
    }

    /**
     * A fault: what it does for how long ({@code inject}, returning when the fault should end), its undoing, and what
     * it found besides the common checks (asked once the step converged or gave up).
     */
    record Fault(
            String id,
            String name,
            String description,
            String proves,
            boolean readinessDown,
            Runnable inject,
            Runnable end,
            Supplier<Findings> findings) {

        Fault(
                String id,
                String name,
                String description,
                String proves,
                boolean readinessDown,
                Runnable inject,
                Runnable end) {
            this(id, name, description, proves, readinessDown, inject, end, () -> Findings.NONE);
        }
    }

    /** Every fault's id, in the full tier's order (what {@code --only} takes). */
    static final List<String> FAULT_IDS = List.of(
            "broker-restart",
            "broker-down",
            "postgres-crash",
            "partition-inventory",
            "kill-inventory",
            "kill-routing",
            "kill-returns",
            "kill-gateway",
            "kill-alerting",
            "storm",
            "webhooks",
            "broker-kill-flash-sale",
            "poison");

    /** Runs one fault under load and measures the recovery. */
    private final class Steps {
        private final OrderStream orders;
        private final ChaosInvariants invariants;
        private final ReadinessWatch readiness;

        Steps(OrderStream orders, ChaosInvariants invariants, ReadinessWatch readiness) {
            this.orders = orders;
            this.invariants = invariants;
            this.readiness = readiness;
        }

        StepResult run(Fault fault) {
            int salesBefore = orders.soldCount();
            int refusalsBefore = orders.refusals();
            orders.resume();
            sleep(Duration.ofSeconds(tier == Tier.SHORT ? 4 : 6));
            Instant faultStart = Instant.now();
            String error = null;
            try {
                fault.inject().run();
            } catch (RuntimeException e) {
                error = "injecting failed: " + ChaosInvariants.oneLine(e);
            }
            Instant faultEnd = Instant.now();
            try {
                fault.end().run();
            } catch (RuntimeException e) {
                error = "undoing the fault failed: " + ChaosInvariants.oneLine(e);
            }
            Instant undone = Instant.now();
            // buyers keep buying a little while after the fault, then the stream rests so the stores can settle
            sleep(Duration.ofSeconds(4));
            orders.pause();
            Duration bound = tier.recoveryBound;
            Instant deadline = undone.plus(bound);
            ChaosInvariants.Verdict verdict = invariants.check(orders.sold());
            Double recovery = null;
            Instant lastProgress = Instant.now();
            while (true) {
                boolean ready = readiness.allReady(LocalSystem.SERVICES.keySet());
                if (orders.delivered() && ready && verdict.holds()) {
                    recovery = Duration.between(faultEnd, Instant.now()).toMillis() / 1000.0;
                    break;
                }
                if (verdict.violated() || Instant.now().isAfter(deadline)) {
                    break;
                }
                if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 15) {
                    log("  waiting: " + verdict.summary()
                            + (orders.delivered() ? "" : ", webhooks pending " + orders.undeliveredCount())
                            + (ready ? "" : ", not all ready"));
                    lastProgress = Instant.now();
                }
                sleep(Duration.ofMillis(500));
                verdict = invariants.check(orders.sold());
            }
            if (recovery == null && error == null) {
                error = verdict.violated()
                        ? "invariant violated: " + verdict.summary()
                        : "did not converge within " + bound.toSeconds() + " s: " + verdict.summary()
                                + (verdict.storesDiverged() > 0 ? " " + invariants.diverged() : "");
            }
            Findings findings;
            try {
                findings = fault.findings().get();
            } catch (RuntimeException e) {
                findings = new Findings(null, "its own findings could not be read: " + ChaosInvariants.oneLine(e));
            }
            if (findings.oversold() != null && findings.oversold() > 0 && error == null) {
                error = findings.oversold() + " units sold beyond their stores' fences";
            }
            if (findings.failure() != null && error == null) {
                error = findings.failure();
            }
            Set<String> notReady = new TreeSet<>(readiness.notReadyBetween(faultStart, undone));
            Instant lastDown = readiness.lastNotReadyAfter(faultEnd);
            Double readyAgain = notReady.isEmpty()
                    ? null
                    : Math.max(0, Duration.between(faultEnd, lastDown).toMillis() / 1000.0);
            return new StepResult(
                    fault.name(),
                    fault.description(),
                    fault.proves(),
                    Duration.between(faultStart, faultEnd).toMillis() / 1000.0,
                    recovery,
                    orders.soldCount() - salesBefore,
                    orders.refusals() - refusalsBefore,
                    verdict,
                    notReady,
                    fault.readinessDown(),
                    readyAgain,
                    error,
                    findings.oversold(),
                    findings.notes());
        }
    }

    private static String outcome(StepResult r) {
        String readiness = r.notReadyDuringFault().isEmpty()
                ? "readiness stayed UP"
                : "not ready: " + String.join(", ", r.notReadyDuringFault());
        if (r.recoverySeconds() == null) {
            return "NOT RECOVERED: " + r.error() + "; " + readiness;
        }
        return String.format(
                Locale.ROOT,
                "recovered %.1f s after the fault; %d orders, %d webhooks retried; lost %d, duplicated %d%s, stores"
                        + " converged; %s%s%s",
                r.recoverySeconds(),
                r.salesDuringStep(),
                r.refusedWebhooks(),
                r.verdict().lost(),
                r.verdict().duplicated() + r.verdict().doubleReserved(),
                r.oversold() == null ? "" : ", oversold " + r.oversold(),
                readiness,
                r.notes() == null ? "" : "; " + r.notes(),
                r.passed() ? "" : " (FAILED: readiness never went DOWN)");
    }

    static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void log(String line) {
        System.out.println("[chaos " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}

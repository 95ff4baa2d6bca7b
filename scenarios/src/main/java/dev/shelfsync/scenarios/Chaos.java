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
import java.util.concurrent.TimeUnit;

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
 *
 * <p>This class holds the plan and the order of the run; {@link ChaosSetUp} makes the stores and stock,
 * {@link FaultCatalogue} names the faults, {@link FaultStep} runs one and waits for the recovery, and
 * {@link ChaosReport} writes the report.
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
                    + "; usage: scripts/chaos.sh [--short|--full] [--runs=N] [--only="
                    + String.join(",", FaultCatalogue.FAULT_IDS) + "]");
            System.exit(2);
            return;
        }
        Tier tier = plan.tier();
        Path root = Path.of(LocalServers.env("SHELFSYNC_HOME", "."))
                .toAbsolutePath()
                .normalize();
        log("starting the five services (" + Deployment.CHAOS.vhost() + ", ports "
                + Deployment.CHAOS.port("inventory") + "-"
                + Deployment.CHAOS.port("alerting") + ")");
        Result result;
        try (LocalSystem system = LocalSystem.start(
                Deployment.CHAOS, root, Map.of("GATEWAY_DRIFT_GRACE", DisorderedWebhooks.DRIFT_GRACE))) {
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
        ChaosSetUp setUp = new ChaosSetUp(shelfsync, stamp);
        List<ChannelConfig> configs = setUp.stores(system.url("gateway"));
        List<ChannelConfig> flashStores = FencedFlashSale.stores(stamp, system.url("gateway"), ChaosSetUp.RATE_LIMITS);
        List<ChannelConfig> stores = new ArrayList<>(configs);
        stores.addAll(flashStores);
        List<StepResult> steps = new ArrayList<>();
        try (MarketplaceSimulator shop = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, stores));
                ServerFaults servers = new ServerFaults();
                ReadinessWatch readiness = new ReadinessWatch(urls())) {
            List<OrderStream.Listing> listings = setUp.setUp(shop, configs);
            ChaosInvariants invariants = new ChaosInvariants(shelfsync, shop, listings);
            double rate = tier == Tier.SHORT ? 3 : 5;
            try (OrderStream orders = new OrderStream(shop, listings, rate);
                    FencedFlashSale flashSale =
                            new FencedFlashSale(shelfsync, shop, flashStores, orders, invariants, servers, stamp)) {
                FaultStep runner = new FaultStep(tier, orders, invariants, readiness);
                List<Fault> faults = new ArrayList<>(new FaultCatalogue(system, servers, shop, tier).faults(configs));
                if (tier == Tier.FULL) {
                    // Not in the short tier (the system tests' shared deployment): the webhook step's drift repair
                    // needs the fault run's short drift-grace, and the flash sale's fences would hold back stock of
                    // every SKU on those channels while other system tests run; the poison step reads the fault
                    // run's own vhost.
                    faults.add(new DisorderedWebhooks(orders, invariants, Duration.ofSeconds(30)).fault());
                    faults.add(flashSale.fault());
                    faults.add(new PoisonMessages(Deployment.CHAOS.vhost(), Duration.ofSeconds(10)).fault());
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
                        log(fault.name() + ": " + FaultStep.outcome(result));
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

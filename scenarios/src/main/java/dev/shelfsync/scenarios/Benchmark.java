package dev.shelfsync.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark command: every phase bounded in time, all on the {@code BENCHMARK} deployment (databases
 * {@code ss_bench_*}, vhost {@code ss-bench}, ports 28081-28085). Writes its numbers between the result markers of
 * {@code BENCHMARKS.md} (text outside the markers is kept) and a copy under {@code run/reports/<timestamp>/}.
 */
public final class Benchmark {

    static final int SKUS = 10_000;
    static final String LOCATION = "bench-wh";
    private static final String START = "<!-- results:start -->";
    private static final String END = "<!-- results:end -->";

    private final LocalSystem system;
    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final Http http;
    private final StringBuilder md = new StringBuilder();
    private final Path root;

    private Benchmark(LocalSystem system, Path root) {
        this.system = system;
        this.root = root;
        this.http = new Http(32, system.token("scenario", List.of("admin"), List.of()));
        this.shelfsync = new Shelfsync(system, http);
        this.evidence = new Evidence(system.deployment());
    }

    /**
     * {@code --phases=flash,reservations,sustained,backlog} picks phases (all by default; a partial run prints its
     * numbers and leaves BENCHMARKS.md alone); {@code --profile} records each sustained step with JFR.
     */
    record Options(Set<String> phases, boolean profile) {
        static final List<String> ALL = List.of("flash", "reservations", "sustained", "backlog");

        static Options parse(String[] args) {
            Set<String> phases = new LinkedHashSet<>(ALL);
            boolean profile = false;
            for (String arg : args) {
                if (arg.startsWith("--phases=")) {
                    phases.clear();
                    for (String phase : arg.substring("--phases=".length()).split(",")) {
                        if (!ALL.contains(phase.trim())) {
                            throw new IllegalArgumentException("unknown phase " + phase + "; phases: " + ALL);
                        }
                        phases.add(phase.trim());
                    }
                } else if (arg.equals("--profile")) {
                    profile = true;
                } else {
                    throw new IllegalArgumentException(
                            "unknown argument " + arg + " (--phases=" + String.join(",", ALL) + ", --profile)");
                }
            }
            return new Options(phases, profile);
        }

        boolean complete() {
            return phases.size() == ALL.size();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(LocalServers.env("SHELFSYNC_HOME", "."))
                .toAbsolutePath()
                .normalize();
        Path dir = root.resolve(
                "run/reports/benchmark-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Instant began = Instant.now();
        String machine = RawInfrastructure.machine();
        StringBuilder raw = new StringBuilder();
        raw.append(RawInfrastructure.postgres()).append(RawInfrastructure.rabbitmq());
        log("starting the services (BENCHMARK deployment)");
        try (Autovacuum autovacuum = Autovacuum.on();
                LocalSystem system = LocalSystem.start(Deployment.BENCHMARK, root)) {
            Benchmark benchmark = new Benchmark(system, root);
            benchmark.md.append(machine).append(raw);
            if (options.phases().contains("flash")) {
                benchmark.flashSale();
            }
            if (options.phases().contains("reservations") || options.phases().contains("sustained")) {
                benchmark.setupSkus();
            }
            if (options.phases().contains("reservations")) {
                benchmark.reservations();
            }
            if (options.phases().contains("sustained")) {
                new SustainedOrders(
                                system,
                                benchmark.shelfsync,
                                benchmark.evidence,
                                benchmark.md,
                                options.profile() ? dir.resolve("profiles") : null)
                        .run();
            }
            if (options.phases().contains("backlog")) {
                new PushBacklog(system, benchmark.shelfsync, benchmark.evidence, benchmark.md).run();
            }
            benchmark.md.append(String.format(
                    Locale.ROOT,
                    "%nTotal benchmark wall time: %.0f s.%n",
                    Duration.between(began, Instant.now()).toMillis() / 1000.0));
            benchmark.write(dir, options.complete());
        }
    }

    static void log(String message) {
        System.out.println("[benchmark] " + message);
    }

    // ---------------------------------------------------------------- (a) flash sale

    private void flashSale() {
        md.append("## (a) Flash sale\n\n");
        // both policies, and the shared pool with buffers that size themselves
        Map<String, String[]> variants = new LinkedHashMap<>();
        variants.put("shared", new String[] {"--policy=shared"});
        variants.put("ring-fenced", new String[] {"--policy=ring-fenced"});
        variants.put("shared, buffer=auto", new String[] {"--policy=shared", "--buffer=auto"});
        for (Map.Entry<String, String[]> variant : variants.entrySet()) {
            log("flash sale, " + variant.getKey());
            FlashSale.Report report = new FlashSale(system, FlashSale.Options.parse(variant.getValue(), root)).run();
            md.append("### Policy: ").append(variant.getKey()).append("\n\n");
            String text = report.text();
            // keep the summary table only; the full report is in the run directory
            int cut = text.indexOf("\n## ");
            md.append(text, text.indexOf('\n', 2) + 1, cut < 0 ? text.length() : cut);
            md.append("\nFull report: `")
                    .append(root.relativize(report.markdown()))
                    .append("`, plots: ");
            report.plots()
                    .forEach(p -> md.append('`').append(root.relativize(p)).append("` "));
            md.append("\n\n");
        }
    }

    // ---------------------------------------------------------------- setup shared by (b) and (c)

    /** The store's listing id of benchmark SKU {@code i}: Amazon lists by seller SKU, the others by number. */
    static String listing(String type, int i) {
        return type.equals("amazon") ? sku(i) + "-AMZ" : String.valueOf((type.equals("shopify") ? 7_000_000 : 0) + i);
    }

    static String sku(int i) {
        return String.format(Locale.ROOT, "BENCH-%05d", i);
    }

    private void setupSkus() {
        log("setting up " + SKUS + " SKUs");
        Instant t0 = Instant.now();
        shelfsync.location(LOCATION, "Benchmark warehouse", 51.0, 10.0);
        shelfsync.sku("HOT-1", "Hot SKU");
        shelfsync.receive("HOT-1", LOCATION, 1_000_000);
        Load.parallel(SKUS, 16, i -> {
            shelfsync.sku(sku(i + 1), "Benchmark SKU " + (i + 1));
            shelfsync.receive(sku(i + 1), LOCATION, 100_000);
        });
        md.append(String.format(
                Locale.ROOT,
                "Setup: %,d SKUs created and stocked through the REST API in %.0f s.%n%n",
                SKUS,
                Duration.between(t0, Instant.now()).toMillis() / 1000.0));
    }

    // ---------------------------------------------------------------- (b) reservations

    private void reservations() {
        md.append("## (b) Reservation throughput (`POST /reservations` on inventory-service, 1 unit, 1 line)\n\n");
        md.append("Closed loop: N HTTP clients, each sending the next request when the last answered; 15 s each."
                + " Each reservation is one transaction: SKU row lock + conditional stock update + ledger row +"
                + " outbox rows (availability-changed, stock-changed, reservation-confirmed), then the relay"
                + " publishes them with confirms.\n\n");
        md.append("| workload | clients | reserved/s | failed | latency p50 / p99 |\n|---|---|---|---|---|\n");
        Random random = new Random(7);
        for (String workload : List.of("hot", "spread")) {
            for (int clients : new int[] {16, 48}) {
                log("reservations " + workload + " x" + clients);
                Load.Closed result = Load.closedLoop(clients, 15, n -> {
                    String sku = workload.equals("hot") ? "HOT-1" : sku(1 + random.nextInt(SKUS));
                    Map<String, Object> line =
                            Map.of("lineId", "1", "sku", sku, "quantity", 1, "candidateLocationIds", List.of(LOCATION));
                    Map<String, Object> body = Map.of(
                            "orderId", "bench-" + UUID.randomUUID(), "channelId", "bench", "lines", List.of(line));
                    return http.post(shelfsync.inventory() + "/reservations", body)
                                    .status()
                            == 201;
                });
                Percentiles.Summary latency = Percentiles.summarize(result.millis());
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | **%.0f** | %d | %.0f / %.0f ms |%n",
                        workload.equals("hot") ? "one hot SKU" : "spread over 10,000 SKUs",
                        clients,
                        result.okPerSecond(),
                        result.failed(),
                        latency.p50(),
                        latency.p99()));
                awaitQuiet();
            }
        }
        md.append("\nTarget (issue 3): >= 800/s on one hot SKU, >= 2,000/s spread.\n\n");
    }

    /** Lets the outbox relays and consumers catch up between phases (bounded). */
    private void awaitQuiet() {
        LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
    }

    // ---------------------------------------------------------------- output

    private void write(Path dir, boolean complete) throws IOException {
        String results = md.toString();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark.md"), results);
        if (!complete) {
            System.out.println(results);
            log("a partial run: wrote " + dir.resolve("benchmark.md") + " only, BENCHMARKS.md unchanged");
            return;
        }
        Path file = root.resolve("BENCHMARKS.md");
        MarkedSection.replace(
                file,
                START,
                END,
                "# Benchmarks\n\nCommand: `scripts/bench.sh` (runs `dev.shelfsync.scenarios.Benchmark`).",
                results);
        System.out.println(results);
        log("wrote " + file + " and " + dir.resolve("benchmark.md"));
    }
}

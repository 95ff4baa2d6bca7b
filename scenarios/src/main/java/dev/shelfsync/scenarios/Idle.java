package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the system costs with no traffic at all: the five services are started with N channels (each with one listed
 * SKU on a simulated store), left to settle, then for each service the CPU it burns (utime + stime from
 * /proc/&lt;pid&gt;/stat, in % of one core) and the transactions its database commits (pg_stat_database xact_commit)
 * are sampled over a window. Run once per channel count on the same system, channels added between the runs.
 * Writes its table between the idle markers of BENCHMARKS.md, outside the benchmark's own results.
 *
 * <pre>scripts/idle.sh [--channels=3,30] [--warmup=20] [--sample=30]</pre>
 */
public final class Idle {

    private static final String START = "<!-- idle:start -->";
    private static final String END = "<!-- idle:end -->";
    private static final String[] TYPES = {"shopify", "woocommerce", "amazon"};
    private static final String SKU = "IDLE-1";
    private static final String LOCATION = "idle-wh";

    /** One service's cost over a window; {@code threads}: the busiest threads by name, % of a core each. */
    record Cost(double cpuPercent, double commitsPerSecond, Map<String, Double> threads) {}

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>(List.of(3, 30));
        int warmup = 20;
        int sample = 30;
        for (String arg : args) {
            if (arg.startsWith("--channels=")) {
                counts.clear();
                for (String n : arg.substring("--channels=".length()).split(",")) {
                    counts.add(Integer.parseInt(n.trim()));
                }
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring("--warmup=".length()));
            } else if (arg.startsWith("--sample=")) {
                sample = Integer.parseInt(arg.substring("--sample=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        counts.sort(Integer::compare);
        Path root = Path.of(LocalServers.env("SHELFSYNC_HOME", "."))
                .toAbsolutePath()
                .normalize();
        int most = counts.get(counts.size() - 1);
        List<ChannelConfig> configs = new ArrayList<>();
        log("starting the services (BENCHMARK deployment)");
        try (LocalSystem system = LocalSystem.start(Deployment.BENCHMARK, root)) {
            for (int i = 1; i <= most; i++) {
                String type = TYPES[(i - 1) % TYPES.length];
                configs.add(ChannelConfig.of(id(type, i), type, "whsec-idle-" + i, system.url("gateway"), 10));
            }
            MarketplaceSimulator sim = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, configs));
            try {
                Shelfsync shelfsync =
                        new Shelfsync(system, new Http(4, system.token("scenario", List.of("admin"), List.of())));
                shelfsync.location(LOCATION, "Idle warehouse", 51.0, 10.0);
                shelfsync.sku(SKU, "Idle SKU");
                shelfsync.receive(SKU, LOCATION, 100);
                Map<Integer, Map<String, Cost>> results = new LinkedHashMap<>();
                int registered = 0;
                for (int count : counts) {
                    for (; registered < count; registered++) {
                        ChannelConfig config = configs.get(registered);
                        shelfsync.channel(
                                config.id(),
                                config.type(),
                                config.webhookSecret(),
                                sim.apiBaseUrl(config.id()),
                                config.rateLimitPerSecond());
                        shelfsync.listing(config.id(), listing(config.type(), registered + 1), SKU);
                    }
                    log(count + " channels: warming up for " + warmup + " s, then sampling for " + sample + " s");
                    TimeUnit.SECONDS.sleep(warmup);
                    results.put(count, measure(system, Duration.ofSeconds(sample)));
                }
                write(root, table(results, warmup, sample));
            } finally {
                sim.close();
            }
        }
    }

    private static String id(String type, int i) {
        return "idle-" + type + "-" + i;
    }

    private static String listing(String type, int i) {
        return type.equals("amazon") ? SKU + "-AMZ-" + i : String.valueOf((type.equals("shopify") ? 7_000_000 : 0) + i);
    }

    private static void log(String message) {
        System.out.println("[idle] " + message);
    }

    /** CPU and commits of every service over one window, nothing else going on. */
    static Map<String, Cost> measure(LocalSystem system, Duration window) throws InterruptedException {
        Map<String, Long> pids = system.pids();
        try (CostMeter meter = new CostMeter(system)) {
            Map<String, Map<String, Long>> threads0 = new LinkedHashMap<>();
            pids.forEach((service, pid) -> threads0.put(service, threadTicks(pid)));
            CostMeter.Snapshot before = meter.snapshot();
            TimeUnit.MILLISECONDS.sleep(window.toMillis());
            CostMeter.Costs costs = before.since();
            Map<String, Cost> result = new LinkedHashMap<>();
            for (Map.Entry<String, Long> entry : pids.entrySet()) {
                String service = entry.getKey();
                Map<String, Long> earlier = threads0.get(service);
                Map<String, Double> busiest = new LinkedHashMap<>();
                threadTicks(entry.getValue()).entrySet().stream()
                        .map(t -> Map.entry(t.getKey(), t.getValue() - earlier.getOrDefault(t.getKey(), 0L)))
                        .filter(t -> t.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(3)
                        .forEach(t -> busiest.put(
                                t.getKey(), 100 * t.getValue() / CostMeter.TICKS_PER_SECOND / costs.seconds()));
                result.put(
                        service,
                        new Cost(
                                100 * costs.cpuSeconds().get(service) / costs.seconds(),
                                costs.writes().get(service).commits() / costs.seconds(),
                                busiest));
            }
            return result;
        }
    }

    /** CPU ticks per thread name (threads of the same name summed, e.g. a pool's workers). */
    private static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#]?\\d+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return ticks;
    }

    private static String table(Map<Integer, Map<String, Cost>> results, int warmup, int sample) {
        StringBuilder md = new StringBuilder();
        md.append("## Idle cost (no traffic)\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Command: `scripts/idle.sh` (runs `dev.shelfsync.scenarios.Idle`). The five services with N channels"
                        + " (Shopify, WooCommerce and Amazon in turn, each with one listed SKU on a simulated store),"
                        + " %d s to settle after the channels are saved, then %d s sampled: CPU = utime + stime of the"
                        + " service's JVM from /proc in %% of one core; commits = committed transactions per second"
                        + " of its database (pg_stat_database.xact_commit, every autocommit statement counts). Target:"
                        + " < 1 %% and < 2/s per service whatever N. Run %s.%n%n",
                warmup,
                sample,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))));
        md.append("| service |");
        results.keySet().forEach(n -> md.append(" CPU, ")
                .append(n)
                .append(" channels | commits/s, ")
                .append(n)
                .append(" channels |"));
        md.append("\n|---|");
        results.keySet().forEach(n -> md.append("---|---|"));
        md.append('\n');
        for (String service : LocalSystem.SERVICES.keySet()) {
            md.append("| ").append(service).append(" |");
            for (Map<String, Cost> costs : results.values()) {
                Cost cost = costs.get(service);
                md.append(String.format(Locale.ROOT, " %.2f %% | %.2f |", cost.cpuPercent(), cost.commitsPerSecond()));
            }
            md.append('\n');
        }
        md.append("\nBusiest threads per service over the last window (% of a core; threads of one name summed, a"
                + " trailing number dropped):\n\n");
        Map<String, Cost> last = new ArrayList<>(results.values()).get(results.size() - 1);
        for (String service : LocalSystem.SERVICES.keySet()) {
            StringBuilder line = new StringBuilder();
            last.get(service).threads().forEach((name, percent) -> line.append(line.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "`%s` %.2f %%", name, percent)));
            md.append("- ").append(service).append(": ").append(line).append('\n');
        }
        return md.toString();
    }

    private static void write(Path root, String results) throws IOException {
        Path dir = root.resolve(
                "run/reports/idle-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("idle.md"), results);
        Path file = root.resolve("BENCHMARKS.md");
        MarkedSection.replace(file, START, END, "# Benchmarks", results);
        System.out.println(results);
        log("wrote " + file + " and " + dir.resolve("idle.md"));
    }
}

package dev.shelfsync.scenarios;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.Sale;
import dev.shelfsync.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark command: every phase bounded in time, all on the {@code BENCHMARK} deployment (databases
 * {@code ss_bench_*}, vhost {@code ss-bench}, ports 28081-28085). Writes its numbers between the result markers of
 * {@code BENCHMARKS.md} (text outside the markers is kept) and a copy under {@code run/reports/<timestamp>/}.
 */
public final class Benchmark {

    private static final int SKUS = 10_000;
    private static final String LOCATION = "bench-wh";
    private static final String START = "<!-- results:start -->";
    private static final String END = "<!-- results:end -->";
    private static final double[] RATES = {50, 100, 200, 300};

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

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(LocalSystem.env("SHELFSYNC_HOME", ".")).toAbsolutePath().normalize();
        Instant began = Instant.now();
        String machine = machine();
        StringBuilder raw = new StringBuilder();
        raw.append(postgres()).append(rabbitmq());
        log("starting the services (BENCHMARK deployment)");
        try (LocalSystem system = LocalSystem.start(LocalSystem.Deployment.BENCHMARK, root)) {
            Benchmark benchmark = new Benchmark(system, root);
            benchmark.md.append(machine).append(raw);
            benchmark.flashSale();
            benchmark.setupSkus();
            benchmark.reservations();
            benchmark.sustained();
            benchmark.backlog();
            benchmark.md.append(String.format(
                    Locale.ROOT,
                    "%nTotal benchmark wall time: %.0f s.%n",
                    Duration.between(began, Instant.now()).toMillis() / 1000.0));
            benchmark.write();
        }
    }

    private static void log(String message) {
        System.out.println("[benchmark] " + message);
    }

    // ---------------------------------------------------------------- machine and raw infrastructure

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
                .findFirst()
                .orElse("unknown");
        return String.format(
                Locale.ROOT,
                "## Machine%n%n- %d CPUs (`nproc`), %s, %s RAM%n- Java %s (%s)%n- %s%n- RabbitMQ %s%n"
                        + "- Everything co-located: PostgreSQL, RabbitMQ, the five services (each -Xmx384m,"
                        + " full JIT), the simulators and the load generator.%n- Run: %s%n%n",
                Runtime.getRuntime().availableProcessors(),
                cpu,
                mem,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                command("psql", "--version").trim(),
                command("rabbitmqctl", "-q", "version").trim(),
                LocalDateTime.now()
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .substring(0, 16));
    }

    private static String command(String... args) {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "unavailable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** pgbench on the same hot-row update + ledger insert + outbox insert that a reservation does. */
    private static String postgres() throws Exception {
        log("raw PostgreSQL (pgbench)");
        String admin = "jdbc:postgresql://" + LocalSystem.env("DB_HOST", "127.0.0.1") + ":"
                + LocalSystem.env("DB_PORT", "5432") + "/";
        String user = LocalSystem.env("DB_USER", "postgres");
        String password = LocalSystem.env("DB_PASSWORD", "");
        try (java.sql.Connection c = DriverManager.getConnection(admin + "postgres", user, password);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists ss_bench_pgbench");
            s.execute("create database ss_bench_pgbench");
        }
        try (java.sql.Connection c = DriverManager.getConnection(admin + "ss_bench_pgbench", user, password);
                Statement s = c.createStatement()) {
            s.execute("create table stock (id int primary key, on_hand int not null, reserved int not null,"
                    + " check (reserved >= 0 and on_hand - reserved >= 0))");
            s.execute("insert into stock select g, 1000000000, 0 from generate_series(1, " + SKUS + ") g");
            s.execute("create table ledger (id bigserial primary key, stock_id int not null, delta int not null,"
                    + " at timestamptz not null default now())");
            s.execute("create table outbox (id bigserial primary key, payload jsonb not null)");
        }
        Path dir = Files.createTempDirectory("pgbench");
        String body = "BEGIN;\n"
                + "UPDATE stock SET reserved = reserved + 1 WHERE id = :id AND on_hand - reserved >= 1;\n"
                + "INSERT INTO ledger (stock_id, delta) VALUES (:id, 1);\n"
                + "INSERT INTO outbox (payload) VALUES ('{\"type\":\"inventory.availability-changed\"}');\n"
                + "END;\n";
        Files.writeString(dir.resolve("hot.sql"), "\\set id 1\n" + body);
        Files.writeString(dir.resolve("spread.sql"), "\\set id random(1, " + SKUS + ")\n" + body);
        StringBuilder out = new StringBuilder("## Raw PostgreSQL and RabbitMQ on this machine (for scale)\n\n");
        out.append("pgbench, 10 s each, a transaction = conditional `UPDATE` of one stock row + ledger `INSERT` +"
                + " outbox `INSERT` (what one reservation writes, without the service):\n\n");
        out.append("| workload | clients | TPS |\n|---|---|---|\n");
        for (String workload : List.of("hot", "spread")) {
            for (int clients : new int[] {8, 32}) {
                String result = command(
                        "pgbench",
                        "-h",
                        LocalSystem.env("DB_HOST", "127.0.0.1"),
                        "-U",
                        user,
                        "-n",
                        "-c",
                        String.valueOf(clients),
                        "-j",
                        "2",
                        "-T",
                        "10",
                        "-f",
                        dir.resolve(workload + ".sql").toString(),
                        "ss_bench_pgbench");
                String tps = result.lines()
                        .filter(l -> l.startsWith("tps"))
                        .map(l -> l.replaceAll("tps = ([0-9.]+).*", "$1"))
                        .findFirst()
                        .orElse("failed: " + result.lines().reduce("", (a, b) -> b));
                out.append(String.format(
                        Locale.ROOT,
                        "| %s row%s | %d | %s |%n",
                        workload.equals("hot") ? "one hot" : "10,000",
                        workload.equals("hot") ? "" : "s (random)",
                        clients,
                        tps));
            }
        }
        out.append("\n");
        return out.toString();
    }

    /** Publisher-confirm throughput to a quorum queue, 1 KiB messages, up to 500 unconfirmed. */
    private static String rabbitmq() throws Exception {
        log("raw RabbitMQ (confirm-publish loop)");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(LocalSystem.env("RABBITMQ_HOST", "127.0.0.1"));
        factory.setUsername(LocalSystem.env("RABBITMQ_USER", "guest"));
        factory.setPassword(LocalSystem.env("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost("ss-bench");
        StringBuilder out = new StringBuilder(
                "RabbitMQ, one connection, publisher confirms, 1 KiB persistent"
                        + " messages, at most 500 unconfirmed, 8 s per queue type:\n\n| queue | confirmed msg/s |\n|---|---|\n");
        try (Connection connection = factory.newConnection("shelfsync-benchmark")) {
            for (String type : List.of("quorum", "classic")) {
                Channel channel = connection.createChannel();
                String queue = "bench.raw-" + type;
                channel.queueDelete(queue);
                channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", type));
                channel.confirmSelect();
                java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(500);
                java.util.concurrent.atomic.AtomicLong confirmed = new java.util.concurrent.atomic.AtomicLong();
                java.util.concurrent.ConcurrentSkipListSet<Long> outstanding =
                        new java.util.concurrent.ConcurrentSkipListSet<>();
                channel.addConfirmListener(
                        (tag, multiple) -> {
                            int n = settle(outstanding, tag, multiple);
                            confirmed.addAndGet(n);
                            window.release(n);
                        },
                        (tag, multiple) -> window.release(settle(outstanding, tag, multiple)));
                byte[] body = new byte[1024];
                AMQP.BasicProperties props =
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build();
                long start = System.nanoTime();
                long end = start + 8_000_000_000L;
                while (System.nanoTime() < end) {
                    window.acquire();
                    outstanding.add(channel.getNextPublishSeqNo());
                    channel.basicPublish("", queue, props, body);
                }
                channel.waitForConfirms(30_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", type, confirmed.get() / seconds));
                channel.queueDelete(queue);
                channel.close();
            }
        }
        out.append("\n");
        return out.toString();
    }

    private static int settle(
            java.util.concurrent.ConcurrentSkipListSet<Long> outstanding, long tag, boolean multiple) {
        if (!multiple) {
            return outstanding.remove(tag) ? 1 : 0;
        }
        java.util.NavigableSet<Long> done = outstanding.headSet(tag, true);
        int n = done.size();
        done.clear();
        return n;
    }

    // ---------------------------------------------------------------- (a) flash sale

    private void flashSale() {
        md.append("## (a) Flash sale\n\n");
        for (String policy : List.of("shared", "ring-fenced")) {
            log("flash sale, " + policy);
            FlashSale.Report report =
                    new FlashSale(system, FlashSale.Options.parse(new String[] {"--policy=" + policy}, root)).run();
            md.append("### Policy: ").append(policy).append("\n\n");
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

    private static String sku(int i) {
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

    // ---------------------------------------------------------------- (c) sustained webhooks + (e) routing

    private void sustained() {
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
            awaitBacklog(channels, 90);
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
            Random random = new Random(11);
            for (double rate : RATES) {
                log("sustained " + rate + " orders/s");
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
                awaitBacklog(channels, 30);
                Step step = analyseStep(channels, attempts, skuOf, v0, ledger0, sim);
                Percentiles.Summary webhook = Percentiles.summarize(webhookMillis);
                md.append(String.format(
                        Locale.ROOT,
                        "| %.0f | %.0f | %d | %d | %d | %d | **%.0f / %.0f / %.0f ms** (n=%d, %d without push) |"
                                + " %.0f / %.0f ms |%n",
                        rate,
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
                        "| %.0f | %s | %s | %s | %s |%n",
                        rate,
                        pp(step.toIntake),
                        pp(step.toRouting),
                        pp(step.toReserved),
                        pp(step.toPush)));
                routing.append(String.format(
                        Locale.ROOT,
                        "| %.0f | %s | %s |%n",
                        rate,
                        pp(step.routingToReserved),
                        pp(step.routingToRouted)));
                boolean broken =
                        step.total.p99() > 1000 || step.errors + step.unresolved > Math.max(1, step.accepted / 100);
                // next step's SKU versions start from here; clear the simulator's push log between steps
                if (broken) {
                    md.append(String.format(
                            Locale.ROOT,
                            "%nStopped after %.0f orders/s: p99 above 1 s or more than 1%% errors/unresolved.%n",
                            rate));
                    break;
                }
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

    private static String pp(Percentiles.Summary s) {
        return s.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f", s.p50(), s.p99());
    }

    private static String listing(String type, int i) {
        return type.equals("amazon") ? sku(i) + "-AMZ" : String.valueOf((type.equals("shopify") ? 7_000_000 : 0) + i);
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

    private void awaitBacklog(List<String> channels, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            long backlog = channels.stream().mapToLong(evidence::pushBacklog).sum();
            if (backlog == 0) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    // ---------------------------------------------------------------- (d) push latency and backlog

    private void backlog() {
        log("push backlog at 10x the rate limit");
        int listings = 100;
        String channel = "amazon-backlog";
        ChannelConfig config = ChannelConfig.of(channel, "amazon", "whsec-backlog", system.url("gateway"), 5);
        MarketplaceSimulator sim = MarketplaceSimulator.start(new SimulatorConfig("127.0.0.1", 0, List.of(config)));
        try {
            shelfsync.channel(channel, "amazon", "whsec-backlog", sim.apiBaseUrl(channel), 5);
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i <= listings; i++) {
                rows.add(new String[] {listing("amazon", i), sku(i)});
            }
            shelfsync.importListings(channel, rows);
            awaitBacklog(List.of(channel), 60);
            md.append("## (d) Push latency and backlog at 10x a channel's rate limit\n\n");
            md.append("A simulated Amazon store (per-listing `patchListingsItem`, rate limit 5 requests/s, enforced"
                    + " by the simulator with 429) with 100 listings. Availability changes are stock adjustments on"
                    + " distinct SKUs through inventory's API. Latency = adjustment request sent -> the store received"
                    + " a push carrying the new version.\n\n");
            md.append("| changes/s | changes | push latency p50 / p99 / max | max backlog (listings) |"
                    + " drained after | 429s at the store | requests/s accepted by the store (max per 1 s) |\n"
                    + "|---|---|---|---|---|---|---|\n");
            int offset = 0;
            for (double[] stage : new double[][] {{2, 10}, {50, 100}}) {
                double rate = stage[0];
                int count = (int) stage[1];
                int first = offset;
                offset += count;
                Map<String, Long> v0 = evidence.versions("BENCH-");
                int rejectedBefore = sim.rejectedRequests(channel);
                Map<Integer, Instant> sent = new ConcurrentHashMap<>();
                List<long[]> backlog = Collections.synchronizedList(new ArrayList<>());
                Instant start = Instant.now();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        backlog.add(new long[] {System.nanoTime(), evidence.pushBacklog(channel)});
                        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                Load.openLoop(rate, count / rate, 8, n -> {
                    int i = 1 + (first + n) % listings;
                    sent.put(i, Instant.now());
                    shelfsync.receive(sku(i), LOCATION, 1);
                });
                awaitBacklog(List.of(channel), 60);
                Instant drained = Instant.now();
                sampler.interrupt();
                List<Double> latency = new ArrayList<>();
                int missing = 0;
                List<Push> pushes = sim.pushes(channel);
                for (Map.Entry<Integer, Instant> change : sent.entrySet()) {
                    String sku = sku(change.getKey());
                    long version = v0.getOrDefault(sku, 0L) + 1;
                    String listing = listing("amazon", change.getKey());
                    Push hit = null;
                    for (Push push : pushes) {
                        if (push.listingId().equals(listing) && push.version() != null && push.version() >= version) {
                            hit = push;
                            break;
                        }
                    }
                    if (hit == null) {
                        missing++;
                    } else {
                        latency.add(Duration.between(change.getValue(), hit.arrivedAt())
                                        .toNanos()
                                / 1e6);
                    }
                }
                long maxBacklog = backlog.stream().mapToLong(b -> b[1]).max().orElse(0);
                Percentiles.Summary s = Percentiles.summarize(latency);
                md.append(String.format(
                        Locale.ROOT,
                        "| %.0f (%.1fx the limit) | %d | %.0f / %.0f / %.0f ms%s | %d | %.1f s after the first change |"
                                + " %d | %d |%n",
                        rate,
                        rate / 5,
                        count,
                        s.p50(),
                        s.p99(),
                        s.max(),
                        missing > 0 ? " (" + missing + " never pushed)" : "",
                        maxBacklog,
                        Duration.between(start, drained).toMillis() / 1000.0,
                        sim.rejectedRequests(channel) - rejectedBefore,
                        maxPerSecond(sim.acceptedRequests(channel), start)));
            }
            md.append("\nAt 10x the limit the backlog is the set of listings whose desired version is ahead of the"
                    + " pushed one (`listing_mapping`), so it is bounded by the number of listings, not by the number"
                    + " of changes: repeated changes to one listing coalesce into one push of the latest value, and"
                    + " it drains at the channel's rate.\n\n");
        } finally {
            sim.close();
        }
    }

    private static int maxPerSecond(List<Instant> accepted, Instant since) {
        Map<Long, Integer> perSecond = new HashMap<>();
        for (Instant at : accepted) {
            if (!at.isBefore(since)) {
                perSecond.merge(at.toEpochMilli() / 1000, 1, Integer::sum);
            }
        }
        return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    // ---------------------------------------------------------------- output

    private void write() throws IOException {
        String results = md.toString();
        Path dir = root.resolve(
                "run/reports/benchmark-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("benchmark.md"), results);
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

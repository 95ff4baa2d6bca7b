package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Benchmark.SKUS;
import static dev.shelfsync.scenarios.Benchmark.log;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine and what its PostgreSQL and RabbitMQ do without Shelfsync (pgbench with the writes of one reservation;
 * a publish loop with confirms), measured in the same run so the benchmark's numbers can be read as ratios.
 */
final class RawInfrastructure {

    private RawInfrastructure() {}

    static String machine() throws IOException {
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
                        + " full JIT), the simulators and the load generator.%n"
                        + "- PostgreSQL's autovacuum on while the services run, with its default settings (this"
                        + " machine's server has it off otherwise).%n- Run: %s%n%n",
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
    static String postgres() throws Exception {
        log("raw PostgreSQL (pgbench)");
        String user = LocalServers.env("DB_USER", "postgres");
        try (java.sql.Connection c = LocalServers.database("postgres");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists ss_bench_pgbench");
            s.execute("create database ss_bench_pgbench");
        }
        try (java.sql.Connection c = LocalServers.database("ss_bench_pgbench");
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
                        LocalServers.env("DB_HOST", "127.0.0.1"),
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
    static String rabbitmq() throws Exception {
        log("raw RabbitMQ (confirm-publish loop)");
        StringBuilder out = new StringBuilder(
                "RabbitMQ, one connection, publisher confirms, 1 KiB persistent"
                        + " messages, at most 500 unconfirmed, 8 s per queue type:\n\n| queue | confirmed msg/s |\n|---|---|\n");
        try (Connection connection = LocalServers.brokerConnection("ss-bench", "shelfsync-benchmark")) {
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
}

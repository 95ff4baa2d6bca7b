package dev.shelfsync.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a phase costs, per component: CPU from /proc (utime + stime) of each service's JVM, of every PostgreSQL
 * process, of RabbitMQ's Erlang VM and of this JVM (the load generator and the in-process simulators), and from
 * each service's database the committed transactions, inserted rows, outbox rows (= messages published) and inbox
 * rows (= deliveries processed). Take a {@link Snapshot} before the phase and call {@link Snapshot#since()} after.
 */
final class CostMeter implements AutoCloseable {

    // USER_HZ: what /proc/<pid>/stat counts utime and stime in; 100 on every Linux architecture we run on.
    static final double TICKS_PER_SECOND = 100.0;
    static final String POSTGRESQL = "postgresql";
    static final String RABBITMQ = "rabbitmq";
    static final String HARNESS = "load generator + simulators";

    private final LocalSystem system;
    private final Connection connection;

    CostMeter(LocalSystem system) {
        this.system = system;
        // Read from the postgres database, so these reads commit nowhere the services' counts are taken from.
        try {
            this.connection = LocalServers.database("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's statistics: " + e.getMessage(), e);
        }
    }

    /** Counters of one service's database. */
    record Writes(long commits, long rowsInserted, long published, long consumed) {
        Writes minus(Writes before) {
            return new Writes(
                    commits - before.commits,
                    rowsInserted - before.rowsInserted,
                    published - before.published,
                    consumed - before.consumed);
        }
    }

    /** What a phase cost: CPU seconds per component and database counters per service. */
    record Costs(double seconds, Map<String, Double> cpuSeconds, Map<String, Writes> writes) {

        /** Milliseconds of CPU per unit of work (e.g. per order) of one component. */
        double cpuMillisPer(String component, long units) {
            return units == 0 ? 0 : 1000 * cpuSeconds.getOrDefault(component, 0.0) / units;
        }

        /** The services, PostgreSQL and RabbitMQ together: what Shelfsync itself costs, without the harness. */
        double systemCpuMillisPer(long units) {
            return cpuSeconds.entrySet().stream()
                            .filter(e -> !e.getKey().equals(HARNESS))
                            .mapToDouble(Map.Entry::getValue)
                            .sum()
                    * 1000
                    / Math.max(1, units);
        }

        Writes total() {
            Writes sum = new Writes(0, 0, 0, 0);
            for (Writes w : writes.values()) {
                sum = new Writes(
                        sum.commits + w.commits,
                        sum.rowsInserted + w.rowsInserted,
                        sum.published + w.published,
                        sum.consumed + w.consumed);
            }
            return sum;
        }
    }

    final class Snapshot {
        private final long nanos = System.nanoTime();
        private final Map<String, Long> ticks = cpuTicks();
        private final Map<String, Writes> writes = writes();

        Costs since() {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            Map<String, Long> now = cpuTicks();
            Map<String, Double> cpu = new LinkedHashMap<>();
            now.forEach(
                    (component, t) -> cpu.put(component, (t - ticks.getOrDefault(component, 0L)) / TICKS_PER_SECOND));
            Map<String, Writes> after = writes();
            Map<String, Writes> delta = new LinkedHashMap<>();
            after.forEach((service, w) -> delta.put(service, w.minus(writes.get(service))));
            return new Costs(seconds, cpu, delta);
        }
    }

    Snapshot snapshot() {
        return new Snapshot();
    }

    /**
     * Waits (at most {@code maxSeconds}) until the services together use less than a fifth of a core over a second:
     * what an earlier phase left in the queues (the 10,000 SKUs' stock events, say) must not be billed to the next.
     */
    void awaitQuiet(int maxSeconds) {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, Long> before = new LinkedHashMap<>();
            system.pids().forEach((service, pid) -> before.put(service, processTicks(pid, false)));
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long busy = 0;
            for (Map.Entry<String, Long> pid : system.pids().entrySet()) {
                busy += processTicks(pid.getValue(), false) - before.getOrDefault(pid.getKey(), 0L);
            }
            if (busy < TICKS_PER_SECOND / 5) {
                return;
            }
        }
    }

    private Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        system.pids().forEach((service, pid) -> ticks.put(service, processTicks(pid, false)));
        long postgres = 0;
        long rabbitmq = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String comm = command(process);
                if (comm.equals("postgres")) {
                    // backends that ended since the last reading are in the postmaster's children's times
                    postgres += processTicks(Long.parseLong(name), true);
                } else if (comm.equals("beam.smp")) {
                    rabbitmq += processTicks(Long.parseLong(name), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        ticks.put(POSTGRESQL, postgres);
        ticks.put(RABBITMQ, rabbitmq);
        ticks.put(HARNESS, processTicks(ProcessHandle.current().pid(), false));
        return ticks;
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    /** utime + stime (fields 14 and 15 of /proc/pid/stat), plus cutime + cstime (16, 17) when asked. */
    static long processTicks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException gone) {
            return 0;
        }
    }

    private Map<String, Writes> writes() {
        Map<String, Writes> writes = new LinkedHashMap<>();
        for (String service : LocalSystem.SERVICES.keySet()) {
            String database = system.deployment().database(service);
            writes.put(
                    service,
                    new Writes(
                            databaseCounter(database, "xact_commit"),
                            databaseCounter(database, "tup_inserted"),
                            tableInserts(database, "outbox_message"),
                            tableInserts(database, "processed_message")));
        }
        return writes;
    }

    private long databaseCounter(String database, String column) {
        // A fresh snapshot per call: the statistics are cached for the rest of a transaction otherwise.
        try (PreparedStatement statement =
                connection.prepareStatement("select " + column + " from pg_stat_database where datname = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
    }

    /** Rows ever inserted into one table of another database: pg_stat_user_tables is per database, so connect. */
    private static long tableInserts(String database, String table) {
        try (Connection other = LocalServers.database(database);
                PreparedStatement statement =
                        other.prepareStatement("select n_tup_ins from pg_stat_user_tables where relname = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + " statistics of " + database, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // statistics connection only
        }
    }
}

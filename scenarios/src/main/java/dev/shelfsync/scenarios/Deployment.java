package dev.shelfsync.scenarios;

import java.util.ArrayList;

/**
 * Where a set of services lives, and the profile each local deployment runs with: the local run, the system tests,
 * the benchmarks and the fault run each have their own databases, RabbitMQ vhost and ports.
 *
 * @param databasePrefix prefix of each service's database, e.g. {@code ss_system_} for {@code ss_system_inventory}
 * @param vhost RabbitMQ virtual host
 * @param portBase inventory listens on portBase + 1, routing + 2, returns + 3, gateway + 4, alerting + 5
 */
public record Deployment(String databasePrefix, String vhost, int portBase) {
    public static final Deployment LOCAL = new Deployment("", "shelfsync", 8080);
    public static final Deployment SYSTEM_TESTS = new Deployment("ss_system_", "ss-system", 18080);
    public static final Deployment BENCHMARK = new Deployment("ss_bench_", "ss-bench", 28080);
    public static final Deployment CHAOS = new Deployment("ss_chaos_", "ss-chaos", 38080);

    public int port(String service) {
        return portBase + 1 + new ArrayList<>(LocalSystem.SERVICES.keySet()).indexOf(service);
    }

    public String database(String service) {
        return databasePrefix + service;
    }

    /** The system tests and the fault run partition {@link LocalSystem#PARTITIONABLE} from the broker. */
    boolean partitionable() {
        return equals(SYSTEM_TESTS) || equals(CHAOS);
    }

    /** Short-lived test processes: the quick compiler starts faster; the others get full JIT. */
    boolean quickStart() {
        return equals(SYSTEM_TESTS);
    }

    /**
     * Five services (and a replica in the system tests) at the default 20 connections each are more than the local
     * PostgreSQL's max_connections of 100 once their pools fill up, as they do while a backlog drains after a broker
     * restart: "sorry, too many clients already" and readiness DOWN for over a minute. The benchmarks keep the
     * default; they start no replica and measure with it.
     */
    boolean smallPools() {
        return !equals(BENCHMARK);
    }

    /**
     * The system tests sign tokens with the committed test-only pair; the local run and the benchmarks with run/jwt/,
     * which scripts/mint-token.sh signs with too, so the README's token example works against scripts/run.sh.
     */
    boolean testOnlyKeys() {
        return equals(SYSTEM_TESTS);
    }
}

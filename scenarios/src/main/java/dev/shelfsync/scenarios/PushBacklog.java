package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Benchmark.LOCATION;
import static dev.shelfsync.scenarios.Benchmark.listing;
import static dev.shelfsync.scenarios.Benchmark.log;
import static dev.shelfsync.scenarios.Benchmark.sku;

import dev.shelfsync.simulator.ChannelConfig;
import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import dev.shelfsync.simulator.SimulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/** Benchmark phase (d): push latency and backlog on an Amazon store when stock changes at 10x its rate limit. */
final class PushBacklog {

    private final LocalSystem system;
    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final StringBuilder md;

    PushBacklog(LocalSystem system, Shelfsync shelfsync, Evidence evidence, StringBuilder md) {
        this.system = system;
        this.shelfsync = shelfsync;
        this.evidence = evidence;
        this.md = md;
    }

    void run() {
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
            evidence.awaitNoPushBacklog(List.of(channel), 60);
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
                evidence.awaitNoPushBacklog(List.of(channel), 60);
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
}

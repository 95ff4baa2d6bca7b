package dev.shelfsync.scenarios;

import dev.shelfsync.simulator.Push;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of a flash-sale report, free of I/O so it can be unit tested.
 *
 * <p>Definitions (also printed in the report):
 *
 * <ul>
 *   <li><b>oversold unit</b>: a unit a marketplace sold (its own listed quantity allowed it and the gateway
 *       accepted the webhook) whose order Shelfsync could not reserve: routing ended it {@code backordered},
 *       {@code unfulfillable} or {@code cancelled}.
 *   <li><b>stranded units</b>: true sellable stock at the end that no channel offered: {@code max(0, sellable -
 *       max over channels of listed)} with demand still running; plus, per channel, the seconds it showed 0 while
 *       sellable stock was above 0.
 *   <li><b>sync latency</b>: for a sale S reserved at availability version v(S) and every other channel C, the
 *       time from the buyer's purchase on S's marketplace (the webhook is sent right then) to the arrival at C of
 *       the first quantity push for that listing carrying a version &gt;= v(S) (that push reflects S).
 * </ul>
 */
public final class SaleAnalysis {

    private SaleAnalysis() {}

    /** One simulated buyer's attempt. */
    public record Attempt(String channelId, Instant at, boolean sold, int gatewayStatus, String externalOrderId) {}

    /** What Shelfsync made of a marketplace order; version is the reservation's availability version. */
    public record Outcome(String state, Long version) {}

    /** The listed quantity of each channel and the true sellable stock at one moment. */
    public record Sample(Instant at, Map<String, Integer> listed, int sellable) {}

    /** One reservation ledger row, in ledger (commit) order. */
    public record LedgerRow(long id, String sku, String orderId) {}

    /** Per-channel numbers. */
    public record ChannelStats(
            String channelId,
            int attempted,
            int soldByMarketplace,
            int acceptedByGateway,
            int reserved,
            int oversold,
            int unresolved,
            int gatewayErrors,
            double secondsAtZeroWithStock,
            Percentiles.Summary latencyToThisChannel) {}

    /** The whole run. */
    public record Result(
            String label,
            String model,
            int stockUnits,
            int unitsReserved,
            int oversoldUnits,
            int unresolvedOrders,
            int finalSellable,
            int strandedUnits,
            double buyingSeconds,
            double attemptsPerSecond,
            double acceptedWebhooksPerSecond,
            int errors,
            Percentiles.Summary syncLatency,
            int latencyPairsWithoutPush,
            List<ChannelStats> channels) {}

    static final Set<String> OVERSOLD_STATES = Set.of("backordered", "unfulfillable", "cancelled");

    static String key(String channelId, String externalOrderId) {
        return channelId + "/" + externalOrderId;
    }

    /**
     * The availability version each reservation produced: inventory bumps a SKU's version once per transaction
     * that changes it, in commit order, so the k-th reservation transaction after the version was {@code v0}
     * produced {@code v0 + k} (valid while nothing else changes the SKU).
     *
     * @return orderId -> sku -> version
     */
    public static Map<String, Map<String, Long>> assignVersions(Map<String, Long> startVersions, List<LedgerRow> rows) {
        Map<String, Set<String>> ordersPerSku = new HashMap<>();
        List<LedgerRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(LedgerRow::id));
        for (LedgerRow row : sorted) {
            ordersPerSku.computeIfAbsent(row.sku(), s -> new LinkedHashSet<>()).add(row.orderId());
        }
        Map<String, Map<String, Long>> versions = new HashMap<>();
        ordersPerSku.forEach((sku, orders) -> {
            long version = startVersions.getOrDefault(sku, 0L);
            for (String order : orders) {
                version++;
                versions.computeIfAbsent(order, o -> new HashMap<>()).put(sku, version);
            }
        });
        return versions;
    }

    /**
     * Milliseconds from the sale to the first push that accounts for it (at or above its reservation's version, or
     * with the sale subtracted as in flight), per other channel; null: none came.
     */
    public static Map<String, Double> latencies(
            Attempt sale, long version, Map<String, String> listingPerChannel, Map<String, List<Push>> pushes) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> channel : listingPerChannel.entrySet()) {
            if (channel.getKey().equals(sale.channelId())) {
                continue;
            }
            Double ms = null;
            for (Push push : pushes.getOrDefault(channel.getKey(), List.of())) {
                if (push.listingId().equals(channel.getValue())
                        && push.reflects(sale.channelId(), sale.externalOrderId(), version)
                        && !push.arrivedAt().isBefore(sale.at())) {
                    ms = Duration.between(sale.at(), push.arrivedAt()).toNanos() / 1e6;
                    break;
                }
            }
            result.put(channel.getKey(), ms);
        }
        return result;
    }

    /**
     * Builds the report numbers.
     *
     * @param listingPerChannel the flash listing id on each channel (channel order is report order)
     * @param outcomes by {@link #key(String, String)}
     * @param pushes per channel, in arrival order, as the buyer-facing marketplace received them
     */
    public static Result analyse(
            String label,
            String model,
            int stockUnits,
            Map<String, String> listingPerChannel,
            List<Attempt> attempts,
            Map<String, Outcome> outcomes,
            Map<String, List<Push>> pushes,
            List<Sample> samples,
            int finalSellable,
            Instant start,
            Instant buyingEnd) {
        Map<String, List<Double>> latencyTo = new LinkedHashMap<>();
        listingPerChannel.keySet().forEach(c -> latencyTo.put(c, new ArrayList<>()));
        List<Double> allLatencies = new ArrayList<>();
        int missing = 0;
        Map<String, int[]> counts = new LinkedHashMap<>();
        listingPerChannel.keySet().forEach(c -> counts.put(c, new int[7]));
        for (Attempt attempt : attempts) {
            int[] c = counts.computeIfAbsent(attempt.channelId(), k -> new int[7]);
            c[0]++;
            if (!attempt.sold()) {
                continue;
            }
            c[1]++;
            if (attempt.gatewayStatus() != 200) {
                c[5]++;
                continue;
            }
            c[2]++;
            Outcome outcome = outcomes.get(key(attempt.channelId(), attempt.externalOrderId()));
            if (outcome == null || outcome.state() == null || outcome.state().equals("received")) {
                c[6]++;
            } else if (OVERSOLD_STATES.contains(outcome.state())) {
                c[4]++;
            } else {
                c[3]++;
                if (outcome.version() != null) {
                    for (Map.Entry<String, Double> e : latencies(attempt, outcome.version(), listingPerChannel, pushes)
                            .entrySet()) {
                        if (e.getValue() == null) {
                            missing++;
                        } else {
                            latencyTo.get(e.getKey()).add(e.getValue());
                            allLatencies.add(e.getValue());
                        }
                    }
                }
            }
        }
        Map<String, Double> zeroSeconds = secondsAtZeroWithStock(samples);
        List<ChannelStats> channels = new ArrayList<>();
        int reserved = 0;
        int oversold = 0;
        int unresolved = 0;
        int errors = 0;
        int accepted = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            reserved += c[3];
            oversold += c[4];
            unresolved += c[6];
            errors += c[5];
            accepted += c[2];
            channels.add(new ChannelStats(
                    e.getKey(),
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4],
                    c[6],
                    c[5],
                    zeroSeconds.getOrDefault(e.getKey(), 0.0),
                    Percentiles.summarize(latencyTo.getOrDefault(e.getKey(), List.of()))));
        }
        double seconds = Math.max(0.001, Duration.between(start, buyingEnd).toNanos() / 1e9);
        return new Result(
                label,
                model,
                stockUnits,
                reserved,
                oversold,
                unresolved,
                finalSellable,
                stranded(samples, finalSellable),
                seconds,
                attempts.size() / seconds,
                accepted / seconds,
                errors,
                Percentiles.summarize(allLatencies),
                missing,
                channels);
    }

    /** Units sellable at the end that no channel offers: sellable minus the largest listed quantity. */
    public static int stranded(List<Sample> samples, int finalSellable) {
        if (samples.isEmpty()) {
            return finalSellable;
        }
        int shown = samples.get(samples.size() - 1).listed().values().stream()
                .mapToInt(q -> q == null ? 0 : Math.max(0, q))
                .max()
                .orElse(0);
        return Math.max(0, finalSellable - shown);
    }

    /** Per channel, the time it listed 0 while the true sellable stock was above 0 (sample to next sample). */
    public static Map<String, Double> secondsAtZeroWithStock(List<Sample> samples) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i + 1 < samples.size(); i++) {
            Sample sample = samples.get(i);
            double dt = Duration.between(sample.at(), samples.get(i + 1).at()).toNanos() / 1e9;
            for (Map.Entry<String, Integer> listed : sample.listed().entrySet()) {
                seconds.putIfAbsent(listed.getKey(), 0.0);
                if (sample.sellable() > 0 && (listed.getValue() == null || listed.getValue() <= 0)) {
                    seconds.merge(listed.getKey(), dt, Double::sum);
                }
            }
        }
        return seconds;
    }
}

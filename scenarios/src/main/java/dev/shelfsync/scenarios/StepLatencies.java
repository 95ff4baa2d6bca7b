package dev.shelfsync.scenarios;

import static dev.shelfsync.scenarios.Benchmark.listing;
import static dev.shelfsync.scenarios.Benchmark.sku;

import dev.shelfsync.simulator.MarketplaceSimulator;
import dev.shelfsync.simulator.Push;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One sustained-load step's counts and latencies: each accepted order from the webhook to the other store's push
 * that accounts for it, and per hop from the databases' timestamps (gateway intake, routing order, inventory
 * reservation) and routing's decision times.
 */
record StepLatencies(
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
        Percentiles.Summary routingToRouted) {

    /**
     * @param skuOf order key -> index of the SKU it bought
     * @param v0 each SKU's availability version before the step
     * @param ledger0 inventory's highest ledger id before the step
     */
    static StepLatencies of(
            Evidence evidence,
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
        return new StepLatencies(
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
}

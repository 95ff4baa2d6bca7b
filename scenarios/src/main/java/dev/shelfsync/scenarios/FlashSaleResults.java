package dev.shelfsync.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.simulator.Push;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What one run of the flash sale did, once the buyers stopped: waits for the orders to settle, reads the orders and
 * reservations from the services' databases and the pushes from the stores, and hands them to {@link SaleAnalysis}
 * for the report.
 */
final class FlashSaleResults {

    private final Shelfsync shelfsync;
    private final Evidence evidence;
    private final FlashSale.Options options;
    private final FlashSaleSetUp.Stage stage;
    private final boolean scheduled;

    FlashSaleResults(
            Shelfsync shelfsync,
            Evidence evidence,
            FlashSale.Options options,
            FlashSaleSetUp.Stage stage,
            boolean scheduled) {
        this.shelfsync = shelfsync;
        this.evidence = evidence;
        this.options = options;
        this.stage = stage;
        this.scheduled = scheduled;
    }

    /** How each channel's buffer was sized when buying stopped, in words, from inventory's explanation. */
    Map<String, String> buffers() {
        Map<String, String> buffers = new LinkedHashMap<>();
        for (String channel : stage.channelIds()) {
            try {
                JsonNode buffer = shelfsync
                        .explanation(stage.sku(), channel)
                        .path("terms")
                        .path("policy")
                        .path("buffer");
                JsonNode auto = buffer.path("auto");
                buffers.put(
                        channel,
                        auto.isObject()
                                ? String.format(
                                        Locale.ROOT,
                                        "auto %d (%.1f units/s elsewhere x %d ms lag%s)",
                                        buffer.path("units").asInt(),
                                        auto.path("otherChannelsPerSecond").asDouble(),
                                        auto.path("lagMillis").asLong(),
                                        auto.path("lagMeasured").asBoolean() ? " p99" : ", assumed")
                                : buffer.path("mode").asText("fixed") + " "
                                        + buffer.path("units").asInt());
            } catch (RuntimeException e) {
                buffers.put(channel, "unknown (" + e.getMessage() + ")");
            }
        }
        return buffers;
    }

    /** Waits (bounded) until every accepted order reached a final state and the listings stopped moving. */
    void settle(List<SaleAnalysis.Attempt> attempts) {
        long accepted = attempts.stream()
                .filter(a -> a.sold() && a.gatewayStatus() == 200)
                .count();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            long done = evidence.orders(stage.channelIds()).values().stream()
                    .filter(o -> !o.state().equals("received"))
                    .count();
            if (done >= accepted) {
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        // Let the last pushes (or the next scheduled sync) land so the plot shows the end state.
        double tail = scheduled ? options.syncEverySeconds() + 0.5 : 1.5;
        LockSupport.parkNanos((long) (tail * 1e9));
    }

    /**
     * The run for the report.
     *
     * @param sale what the buyers did and saw, with the SKU's version and the ledger's position before they began
     * @param syncPushes in the scheduled baseline, what the sync set the stores to (the pushes buyers saw)
     */
    FlashSaleReport.Run run(String label, Sale sale, List<Push> syncPushes, Map<String, String> buffers) {
        String sku = stage.sku();
        List<String> channelIds = stage.channelIds();
        Map<String, Evidence.OrderRow> orders = evidence.orders(channelIds);
        List<SaleAnalysis.LedgerRow> ledger = new ArrayList<>();
        for (Evidence.ReservationRow row : evidence.reservationsAfter(sale.ledgerBefore())) {
            if (row.sku().equals(sku)) {
                ledger.add(new SaleAnalysis.LedgerRow(row.id(), row.sku(), row.orderId()));
            }
        }
        long v0 = sale.versionBefore();
        Map<String, Map<String, Long>> versions = SaleAnalysis.assignVersions(Map.of(sku, v0), ledger);
        Map<String, SaleAnalysis.Outcome> outcomes = new LinkedHashMap<>();
        orders.forEach((key, order) -> outcomes.put(
                key,
                new SaleAnalysis.Outcome(
                        order.state(),
                        versions.getOrDefault(order.orderId(), Map.of()).get(sku))));
        long finalVersion = shelfsync.availabilityVersion(sku);
        long reservations = versions.size();
        String notes = finalVersion == v0 + reservations
                ? "version mapping verified: " + reservations + " reservation transactions took the SKU from version "
                        + v0 + " to " + finalVersion
                : options.autoBuffer() && finalVersion > v0 + reservations
                        ? "version went " + v0 + " -> " + finalVersion + " for " + reservations
                                + " reservations: the other versions republished the auto buffers once sales"
                                + " paused (latency matching assumes they came after the reservations)"
                        : "WARNING: version went " + v0 + " -> " + finalVersion + " but " + reservations
                                + " reservations were seen; latency matching may be off";
        Map<String, List<Push>> pushes = new LinkedHashMap<>();
        for (String channel : channelIds) {
            List<Push> source = scheduled ? syncPushes : stage.shop().pushes(channel);
            List<Push> own = new ArrayList<>();
            for (Push push : source) {
                if (push.listingId().equals(stage.listings().get(channel))) {
                    own.add(push);
                }
            }
            pushes.put(channel, own);
        }
        int finalSellable = shelfsync.sellable(sku);
        List<SaleAnalysis.Attempt> attempts = sale.attempts();
        SaleAnalysis.Result result = SaleAnalysis.analyse(
                label,
                model(),
                options.units(),
                stage.listings(),
                attempts,
                outcomes,
                pushes,
                sale.samples(),
                finalSellable,
                sale.start(),
                sale.buyingEnd());
        return new FlashSaleReport.Run(
                result,
                new ArrayList<>(sale.samples()),
                sale.start(),
                notes,
                ShelfExcess.aboveSellable(
                        sale.samples(),
                        options.units(),
                        attempts.stream()
                                .filter(SaleAnalysis.Attempt::sold)
                                .map(SaleAnalysis.Attempt::at)
                                .toList()),
                options.policy() == FlashSale.Policy.RING_FENCED
                        ? ShelfExcess.aboveFence(sale.samples(), stage.fences(), reservedSales(attempts, outcomes))
                        : Map.of(),
                buffers);
    }

    /**
     * What the buyers did in one run.
     *
     * @param versionBefore the SKU's availability version before the first buyer
     * @param ledgerBefore inventory's highest ledger id before the first buyer
     */
    record Sale(
            long versionBefore,
            long ledgerBefore,
            List<SaleAnalysis.Attempt> attempts,
            List<SaleAnalysis.Sample> samples,
            Instant start,
            Instant buyingEnd) {}

    /** The sync model of the run, in words. */
    private String model() {
        return scheduled
                ? String.format(
                        Locale.ROOT,
                        "scheduled sync: Shelfsync's pushes land in a holding area and are copied to each"
                                + " marketplace every %.1f s (a 15-minute sync compressed %.0fx), %s policy",
                        options.syncEverySeconds(),
                        900 / options.syncEverySeconds(),
                        options.policyName())
                : "real-time sync: Shelfsync pushes every availability change at once, within each marketplace's"
                        + " rate limit (Shopify 40, WooCommerce 20, Amazon 5 requests/s), " + options.policyName()
                        + " policy";
    }

    /** When each channel's reserved sales happened (the buyer's moment), for the shelf-above-fence figure. */
    private static Map<String, List<Instant>> reservedSales(
            List<SaleAnalysis.Attempt> attempts, Map<String, SaleAnalysis.Outcome> outcomes) {
        Map<String, List<Instant>> sales = new LinkedHashMap<>();
        for (SaleAnalysis.Attempt attempt : attempts) {
            SaleAnalysis.Outcome outcome =
                    outcomes.get(SaleAnalysis.key(attempt.channelId(), attempt.externalOrderId()));
            if (attempt.sold()
                    && outcome != null
                    && outcome.state() != null
                    && !outcome.state().equals("received")
                    && !SaleAnalysis.OVERSOLD_STATES.contains(outcome.state())) {
                sales.computeIfAbsent(attempt.channelId(), c -> new ArrayList<>())
                        .add(attempt.at());
            }
        }
        return sales;
    }
}

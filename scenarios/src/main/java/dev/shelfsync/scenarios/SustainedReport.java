package dev.shelfsync.scenarios;

import java.util.List;
import java.util.Locale;

/**
 * The markdown of benchmark phases (c) and (e): the table of sustained steps as they run, then the cost per order,
 * the profiles, the per-hop latencies and the routing round trip, appended to the benchmark's report.
 */
final class SustainedReport {

    private static final List<String> COMPONENTS =
            List.of("gateway", "routing", "inventory", "returns", "alerting", CostMeter.POSTGRESQL, CostMeter.RABBITMQ);

    private final StringBuilder md;
    private final StringBuilder hops = new StringBuilder();
    private final StringBuilder routing = new StringBuilder();
    private final StringBuilder cost = new StringBuilder();

    SustainedReport(StringBuilder md) {
        this.md = md;
    }

    /** The phase's heading, what it measures, and the head of the steps' table. */
    void begin() {
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
    }

    /** One step's rows: the steps' table now, its costs, hops and routing for the tables that follow. */
    void step(
            String label,
            double achieved,
            StepLatencies step,
            Percentiles.Summary webhook,
            CostMeter.Costs costs,
            long pushes) {
        cost.append(costRow(label, costs, step.accepted(), pushes));
        md.append(String.format(
                Locale.ROOT,
                "| %s | %.0f | %d | %d | %d | %d | **%.0f / %.0f / %.0f ms** (n=%d, %d without push) |"
                        + " %.0f / %.0f ms |%n",
                label,
                achieved,
                step.accepted(),
                step.reserved(),
                step.unresolved(),
                step.errors(),
                step.total().p50(),
                step.total().p99(),
                step.total().max(),
                step.total().count(),
                step.missing(),
                webhook.p50(),
                webhook.p99()));
        hops.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                label,
                pp(step.toIntake()),
                pp(step.toRouting()),
                pp(step.toReserved()),
                pp(step.toPush())));
        routing.append(String.format(
                Locale.ROOT, "| %s | %s | %s |%n", label, pp(step.routingToReserved()), pp(step.routingToRouted())));
    }

    /** Why the ramp stopped at {@code label}, and the knee (null: no warm rate held). */
    void stopped(String label, double brokenP99Millis, String knee) {
        md.append(String.format(
                Locale.ROOT,
                "%nStopped after %s orders/s: p99 above %.0f ms or more than 1%% errors/unresolved."
                        + " Knee (the highest warm rate that held): %s.%n",
                label,
                brokenP99Millis,
                knee == null ? "none" : knee + " orders/s"));
    }

    /** The tables after the steps' table; a null profile is left out. */
    void end(String coldProfile, String kneeProfile) {
        md.append("\nCost per accepted order, each step measured from its first webhook until its orders were"
                        + " routed and its pushes done (CPU = utime + stime from /proc; PostgreSQL = all its processes;"
                        + " commits and rows from pg_stat_database, messages = outbox rows written, deliveries ="
                        + " inbox rows written; HTTP = requests the simulated stores received per order):\n\n")
                .append(costHeader())
                .append(cost);
        if (coldProfile != null) {
            md.append("\nProfile of the cold step (JIT compilation and first-use work included):\n\n")
                    .append(coldProfile);
        }
        if (kneeProfile != null) {
            md.append("\nProfile of the step at the knee (JFR `settings=profile`, execution samples of each"
                            + " service over the step; recordings under the report directory):\n\n")
                    .append(kneeProfile);
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
    }

    private static String costHeader() {
        StringBuilder md = new StringBuilder("| orders/s |");
        COMPONENTS.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append(" **Shelfsync total** | ")
                .append(CostMeter.HARNESS)
                .append(" | commits | rows inserted | messages | deliveries | HTTP to stores |\n|---|");
        md.append("---|".repeat(COMPONENTS.size() + 7)).append('\n');
        return md.toString();
    }

    private static String costRow(String label, CostMeter.Costs costs, long orders, long pushes) {
        StringBuilder md = new StringBuilder("| ").append(label).append(" |");
        COMPONENTS.forEach(c -> md.append(String.format(Locale.ROOT, " %.2f |", costs.cpuMillisPer(c, orders))));
        CostMeter.Writes total = costs.total();
        double n = Math.max(1, orders);
        md.append(String.format(
                Locale.ROOT,
                " **%.2f ms** | %.2f ms | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                costs.systemCpuMillisPer(orders),
                costs.cpuMillisPer(CostMeter.HARNESS, orders),
                total.commits() / n,
                total.rowsInserted() / n,
                total.published() / n,
                total.consumed() / n,
                pushes / n));
        return md.toString();
    }

    private static String pp(Percentiles.Summary s) {
        return s.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f", s.p50(), s.p99());
    }
}

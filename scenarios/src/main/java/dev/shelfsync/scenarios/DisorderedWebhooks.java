package dev.shelfsync.scenarios;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The chaos step where the stores misbehave with their webhooks: while it lasts, of every five sales one webhook is
 * delivered normally, one twice at the same moment (same delivery id), one followed by a copy under a new delivery
 * id, one after the order's update event (WooCommerce {@code order.updated}, Amazon another {@code ORDER_CHANGE},
 * Shopify {@code orders/updated}), and one never. Every sale must still be one order with one reservation; the never
 * sent ones can only come from the gateway's reconciliation, which reads each store's order list (every
 * {@link #RECONCILE_SECONDS} s on the run's channels). A store's decrement for a sale the gateway did not know of yet
 * can be overwritten by a push (Shopify's compare-and-set gives up after a few stale refusals); once the order is
 * recovered the gateway counts it as sold since that push and leaves the store a unit high. Only reconciliation's
 * drift check repairs that, for listings without an order for {@code drift-grace} ({@link #DRIFT_GRACE} in the
 * fault run, 10 min by default), so the figures say how many listings it repaired.
 */
final class DisorderedWebhooks {

    /** The run's channels' reconciliation interval (the gateway's default is 5 min). */
    static final String RECONCILE_SECONDS = "10";
    /** The fault run's gateway drift-grace (GATEWAY_DRIFT_GRACE), so drift is checked soon after the stream rests. */
    static final String DRIFT_GRACE = "15s";

    private final OrderStream orders;
    private final ChaosInvariants invariants;
    private final Duration length;
    private Map<OrderStream.Delivery, Integer> before = Map.of();
    private Set<String> droppedBefore = Set.of();
    private int driftBefore;

    DisorderedWebhooks(OrderStream orders, ChaosInvariants invariants, Duration length) {
        this.orders = orders;
        this.invariants = invariants;
        this.length = length;
    }

    Fault fault() {
        return new Fault(
                "webhooks",
                "duplicated, reordered and missing webhooks",
                String.format(
                        Locale.ROOT,
                        "for %d s of the stream, of every 5 sales' webhooks one is sent once, one twice at once, one"
                                + " followed by a copy with a new delivery id, one after its order's update event,"
                                + " one never",
                        length.toSeconds()),
                "the gateway dedupes by delivery id and by marketplace order, so copies and early updates make no"
                        + " second order or reservation; every order whose webhook never came is taken in by"
                        + " reconciliation from the store's order list",
                false,
                this::inject,
                () -> orders.disorder(false),
                this::findings);
    }

    private void inject() {
        before = orders.deliveries();
        droppedBefore = orders.dropped();
        try {
            driftBefore = invariants.driftDetected();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alerting's drift alerts: " + ChaosInvariants.oneLine(e), e);
        }
        orders.disorder(true);
        Chaos.sleep(length);
    }

    private Fault.Findings findings() {
        Map<OrderStream.Delivery, Integer> now = orders.deliveries();
        Set<String> dropped = new HashSet<>(orders.dropped());
        dropped.removeAll(droppedBefore);
        int recovered;
        int drift;
        try {
            recovered = invariants.recoveredByReconciliation(dropped);
            drift = invariants.driftDetected() - driftBefore;
        } catch (SQLException e) {
            return new Fault.Findings(null, "cannot read the gateway's intake: " + ChaosInvariants.oneLine(e));
        }
        return new Fault.Findings(
                null,
                String.format(
                        Locale.ROOT,
                        "webhooks sent twice at once %d, with a copy under a new delivery id %d, after their update"
                                + " event %d, never sent %d (taken in by reconciliation: %d); store listings"
                                + " reconciliation found off and repushed: %d",
                        delta(now, OrderStream.Delivery.TWICE_AT_ONCE),
                        delta(now, OrderStream.Delivery.COPY_WITH_NEW_ID),
                        delta(now, OrderStream.Delivery.UPDATE_FIRST),
                        dropped.size(),
                        recovered,
                        drift));
    }

    private int delta(Map<OrderStream.Delivery, Integer> now, OrderStream.Delivery kind) {
        return now.getOrDefault(kind, 0) - before.getOrDefault(kind, 0);
    }
}

package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.contracts.orders.StockReleaseRequested;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.routing.config.RoutingConfig;
import dev.shelfsync.routing.location.DailyCapacity;
import dev.shelfsync.routing.location.StockReadModel;
import dev.shelfsync.routing.ranking.RoutingRule;
import dev.shelfsync.routing.rule.RoutingRules;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Inventory's answer to a reservation request: confirmed, the order is routed (or released when it was cancelled
 * meanwhile); refused, it is re-ranked from fresh stock after a growing pause, or declared unfulfillable.
 */
@ApplicationScoped
public class ReservationAnswers {

    private static final Logger LOG = Logger.getLogger(ReservationAnswers.class);

    private final OrderTransactions transactions;
    private final OrderStore store;
    private final FulfilmentStore fulfilments;
    private final DailyCapacity capacity;
    private final StockReadModel stock;
    private final RoutingRules rules;
    private final OutboxWriter outbox;
    private final ReservationRequests requests;
    private final RetryClock retryClock;
    private final Pool pool;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;

    public ReservationAnswers(
            OrderTransactions transactions,
            OrderStore store,
            FulfilmentStore fulfilments,
            DailyCapacity capacity,
            StockReadModel stock,
            RoutingRules rules,
            OutboxWriter outbox,
            ReservationRequests requests,
            RoutingConfig config,
            RetryClock retryClock,
            Pool pool) {
        this.retryClock = retryClock;
        this.pool = pool;
        this.transactions = transactions;
        this.store = store;
        this.fulfilments = fulfilments;
        this.capacity = capacity;
        this.stock = stock;
        this.rules = rules;
        this.outbox = outbox;
        this.requests = requests;
        this.maxAttempts = Math.max(1, config.maxReservationAttempts());
        this.retryBackoff = config.retryBackoff();
        this.retryBackoffMax = config.retryBackoffMax();
    }

    /** Inventory reserved every line: the order is routed, unless it was cancelled meanwhile (then release). */
    public Uni<Void> confirmed(ReservationConfirmed confirmation, String messageId) {
        Instant answeredAt = Instant.now();
        return transactions.inTransaction(
                messageId, tx -> store.findForUpdate(tx, confirmation.orderId()).flatMap(found -> {
                    if (found.isEmpty()) {
                        LOG.debugf("confirmation for unknown order %s ignored", confirmation.orderId());
                        return Uni.createFrom().voidItem();
                    }
                    OrderStore.OrderRow order = found.get();
                    List<Allocation> allocations =
                            confirmation.allocations() == null ? List.of() : confirmation.allocations();
                    return switch (order.state()) {
                        case RECEIVED -> markRouted(
                                tx, order, allocations, confirmation.availabilityVersions(), answeredAt);
                        case CANCELLED, BACKORDERED, UNFULFILLABLE -> store.history(
                                        tx,
                                        order.id(),
                                        order.state(),
                                        "late reservation confirmation: releasing the reserved units")
                                .flatMap(done -> outbox.append(
                                        tx,
                                        RoutingKeys.STOCK_RELEASE_REQUESTED,
                                        order.id(),
                                        null,
                                        new StockReleaseRequested(
                                                order.id(),
                                                "order-" + order.state().code())));
                        default -> Uni.createFrom().voidItem();
                    };
                }));
    }

    private Uni<Void> markRouted(
            SqlConnection tx,
            OrderStore.OrderRow order,
            List<Allocation> allocations,
            Map<String, Long> availabilityVersions,
            Instant answeredAt) {
        Map<String, Integer> shipping = new TreeMap<>();
        allocations.forEach(a -> shipping.merge(a.locationId(), a.quantity(), Integer::sum));
        return fulfilments
                .saveAllocations(tx, order.id(), allocations)
                .flatMap(done -> store.recordAnswer(tx, order.id(), Map.of("outcome", "confirmed"), answeredAt))
                .flatMap(done -> settleCapacity(tx, order.id(), shipping))
                .flatMap(done -> store.transition(
                        tx,
                        order.id(),
                        OrderState.ROUTED,
                        "reserved by inventory at " + String.join(", ", shipping.keySet())))
                .flatMap(done -> outbox.append(
                        tx,
                        RoutingKeys.ORDER_ROUTED,
                        order.id(),
                        null,
                        new OrderRouted(
                                order.id(),
                                order.channelId(),
                                order.externalOrderId(),
                                allocations,
                                availabilityVersions)));
    }

    /** Inventory refused: re-rank from fresh stock and retry, or declare the order unfulfillable. */
    public Uni<Void> refused(ReservationRefused refusal, String messageId) {
        Instant answeredAt = Instant.now();
        AtomicReference<Duration> scheduledPause = new AtomicReference<>();
        return transactions
                .inTransaction(messageId, tx -> store.findForUpdate(tx, refusal.orderId())
                        .flatMap(found -> {
                            if (found.isEmpty() || found.get().state() != OrderState.RECEIVED) {
                                return Uni.createFrom().voidItem();
                            }
                            OrderStore.OrderRow order = found.get();
                            List<String> shortLines = refusal.shortLines() == null ? List.of() : refusal.shortLines();
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("outcome", "refused");
                            answer.put("reason", refusal.reason());
                            answer.put("shortLines", shortLines);
                            return store.recordAnswer(tx, order.id(), answer, answeredAt)
                                    .flatMap(done -> capacity.release(tx, order.id(), List.of()))
                                    .flatMap(done -> store.lines(tx, order.id()))
                                    .flatMap(lines -> stock.visiblyShort(tx, lines))
                                    .flatMap(visiblyShort -> {
                                        // Re-ranking helps only when stock moved; when the read model shows too little
                                        // anywhere, asking again would only add load to the SKU everyone is buying.
                                        if (order.attempts() < maxAttempts && !visiblyShort) {
                                            Duration pause = backoff(order.attempts());
                                            scheduledPause.set(pause);
                                            return store.scheduleRetry(tx, order.id(), pause)
                                                    .flatMap(scheduled -> store.history(
                                                            tx,
                                                            order.id(),
                                                            OrderState.RECEIVED,
                                                            "inventory refused attempt " + order.attempts()
                                                                    + (shortLines.isEmpty()
                                                                            ? ""
                                                                            : " (short: "
                                                                                    + String.join(", ", shortLines)
                                                                                    + ")")
                                                                    + "; re-rank from fresh stock in "
                                                                    + pause.toMillis()
                                                                    + " ms"));
                                        }
                                        return store.lines(tx, order.id())
                                                .flatMap(lines -> unfulfillable(tx, order, lines, shortLines));
                                    });
                        }))
                // After the commit, so the re-rank finds the row; counted from later than the database's now(), so
                // never early.
                .invoke(() -> {
                    Duration pause = scheduledPause.get();
                    if (pause != null) {
                        retryClock.dueIn(pause);
                    }
                });
    }

    /** How long until this or another replica's next re-rank is due; null when no order waits for one. */
    public Uni<Duration> nextRetryDue() {
        return store.nextRetryDue(pool);
    }

    /**
     * Re-ranks one refused order whose pause is over, if any; claimed with {@code FOR UPDATE SKIP LOCKED}, so
     * each due order is taken by exactly one replica.
     *
     * @return whether an order was due
     */
    public Uni<Boolean> retryDue() {
        return transactions.inTransaction(null, tx -> store.claimDueRetry(tx).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            OrderStore.OrderRow order = found.get();
            return store.lastAnsweredAt(tx, order.id())
                    .flatMap(refusedAt -> store.lines(tx, order.id())
                            .flatMap(lines -> requests.request(
                                    tx,
                                    order.id(),
                                    order.channelId(),
                                    order.externalOrderId(),
                                    lines,
                                    shipTo(order),
                                    order.attempts() + 1,
                                    refusedAt.orElseGet(Instant::now))))
                    .replaceWith(true);
        }));
    }

    /** The pause before re-ranking after the given (1-based) refused attempt: doubling, capped. */
    Duration backoff(int refusedAttempt) {
        long millis = retryBackoff.toMillis() << Math.min(Math.max(0, refusedAttempt - 1), 16);
        return Duration.ofMillis(Math.min(millis, retryBackoffMax.toMillis()));
    }

    private Uni<Void> unfulfillable(
            SqlConnection tx, OrderStore.OrderRow order, List<OrderLine> lines, List<String> shortLines) {
        List<String> shortSkus = lines.stream()
                .filter(line -> shortLines.isEmpty() || shortLines.contains(line.lineId()))
                .map(OrderLine::sku)
                .distinct()
                .toList();
        return rules.forChannel(tx, order.channelId()).flatMap(rule -> {
            boolean cancel = RoutingRule.CANCEL.equals(rule.onUnfulfillable());
            OrderState state = cancel ? OrderState.UNFULFILLABLE : OrderState.BACKORDERED;
            String action = cancel ? "cancelled" : "backordered";
            String cause = "no location could reserve " + String.join(", ", shortSkus) + " after " + order.attempts()
                    + " attempts; " + action + " by channel policy";
            return store.transition(tx, order.id(), state, cause)
                    .flatMap(done -> outbox.append(
                            tx,
                            RoutingKeys.ORDER_UNFULFILLABLE,
                            order.id(),
                            null,
                            new OrderUnfulfillable(
                                    order.id(), order.channelId(), order.externalOrderId(), shortSkus, action)));
        });
    }

    /**
     * Inventory reserved the order: the capacity held where nothing was reserved goes back; a location inventory
     * chose from the fallbacks is counted (reality wins over the limit).
     */
    private Uni<Void> settleCapacity(SqlConnection tx, String orderId, Map<String, Integer> shipping) {
        return capacity.release(tx, orderId, shipping.keySet())
                .flatMap(done -> capacity.held(tx, orderId))
                .flatMap(held -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, Integer> location : shipping.entrySet()) {
                        if (!held.contains(location.getKey())) {
                            chain = chain.flatMap(
                                    done -> capacity.hold(tx, orderId, location.getKey(), location.getValue(), true)
                                            .replaceWithVoid());
                        }
                    }
                    return chain;
                });
    }

    private static ShipTo shipTo(OrderStore.OrderRow order) {
        if (order.shipTo() == null || order.shipTo().isNull()) {
            return null;
        }
        var node = order.shipTo();
        return new ShipTo(
                node.path("countryCode").asText(null),
                node.path("postalCode").asText(null),
                node.hasNonNull("latitude") ? node.get("latitude").decimalValue() : null,
                node.hasNonNull("longitude") ? node.get("longitude").decimalValue() : null);
    }
}

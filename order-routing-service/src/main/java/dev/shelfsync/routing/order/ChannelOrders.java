package dev.shelfsync.routing.order;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.orders.StockReleaseRequested;
import dev.shelfsync.platform.outbox.OutboxWriter;
import dev.shelfsync.routing.location.DailyCapacity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a channel says about its orders: a new order is stored and proposed to inventory (a known one changes
 * nothing); a cancellation releases what the order holds, or is remembered when the order has not arrived yet.
 */
@ApplicationScoped
public class ChannelOrders {

    private static final Logger LOG = Logger.getLogger(ChannelOrders.class);

    private final OrderTransactions transactions;
    private final OrderStore store;
    private final DailyCapacity capacity;
    private final OutboxWriter outbox;
    private final ReservationRequests requests;

    public ChannelOrders(
            OrderTransactions transactions,
            OrderStore store,
            DailyCapacity capacity,
            OutboxWriter outbox,
            ReservationRequests requests) {
        this.transactions = transactions;
        this.store = store;
        this.capacity = capacity;
        this.outbox = outbox;
        this.requests = requests;
    }

    /** Stores a new channel order and asks inventory to reserve it; a known order changes nothing. */
    public Uni<Void> receive(OrderReceived order, String messageId, String correlationId) {
        Instant receivedAt = Instant.now();
        return transactions.inTransaction(
                messageId, tx -> store.lockExternal(tx, order.channelId(), order.externalOrderId())
                        .flatMap(locked -> store.findByExternal(tx, order.channelId(), order.externalOrderId()))
                        .flatMap(existing -> {
                            if (existing.isPresent()) {
                                LOG.debugf("order %s/%s already known", order.channelId(), order.externalOrderId());
                                return Uni.createFrom().voidItem();
                            }
                            String orderId = UUID.randomUUID().toString();
                            return store.insert(tx, orderId, order, correlationId)
                                    .flatMap(inserted ->
                                            store.earlyCancellation(tx, order.channelId(), order.externalOrderId()))
                                    .flatMap(cancel -> cancel.isPresent()
                                            ? store.transition(
                                                    tx,
                                                    orderId,
                                                    OrderState.CANCELLED,
                                                    "cancel arrived before the order" + reason(cancel.get()))
                                            : requests.request(
                                                    tx,
                                                    orderId,
                                                    order.channelId(),
                                                    order.externalOrderId(),
                                                    order.lines(),
                                                    order.shipTo(),
                                                    1,
                                                    receivedAt));
                        }));
    }

    /** Cancels by the channel: before routing nothing to release, after routing release; unknown orders remembered. */
    public Uni<Void> cancel(OrderCancelled cancel, String messageId) {
        return transactions.inTransaction(
                messageId, tx -> store.lockExternal(tx, cancel.channelId(), cancel.externalOrderId())
                        .flatMap(locked -> store.findByExternal(tx, cancel.channelId(), cancel.externalOrderId()))
                        .flatMap(existing -> {
                            if (existing.isEmpty()) {
                                return store.rememberCancellation(
                                        tx, cancel.channelId(), cancel.externalOrderId(), cancel.reason());
                            }
                            return store.findForUpdate(tx, existing.get().id())
                                    .flatMap(row -> applyCancel(tx, row.orElseThrow(), cancel.reason()));
                        }));
    }

    private Uni<Void> applyCancel(SqlConnection tx, OrderStore.OrderRow order, String reason) {
        if (!order.state().cancellable()) {
            return order.state() == OrderState.CANCELLED
                    ? Uni.createFrom().voidItem()
                    : store.history(
                            tx,
                            order.id(),
                            order.state(),
                            "cancel ignored: order already " + order.state().code());
        }
        String cause = "cancelled by channel "
                + (order.state() == OrderState.RECEIVED
                        ? "before routing"
                        : "after " + order.state().code())
                + reason(reason);
        Uni<Void> transition = store.transition(tx, order.id(), OrderState.CANCELLED, cause)
                .flatMap(done -> capacity.release(tx, order.id(), List.of()));
        if (!order.state().holdsReservation()) {
            // A reservation request may still be in flight; its confirmation is released when it arrives.
            return transition;
        }
        return transition.flatMap(done -> outbox.append(
                tx,
                RoutingKeys.STOCK_RELEASE_REQUESTED,
                order.id(),
                null,
                new StockReleaseRequested(order.id(), "order-cancelled")));
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }
}

package dev.shelfsync.gateway.fulfilment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.returns.RefundDue;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Turns shipments ({@code orders.shipped}) and accepted returns ({@code returns.refund-due}) into marketplace calls:
 * each event becomes one row of the outbound-call outbox in the consuming transaction, then the sender delivers it.
 */
@ApplicationScoped
public class OrderUpdateConsumer {

    private final OutboundCallStore store;
    private final OutboundCallSender sender;
    private final ObjectMapper mapper;

    public OrderUpdateConsumer(OutboundCallStore store, OutboundCallSender sender, ObjectMapper mapper) {
        this.store = store;
        this.sender = sender;
        this.mapper = mapper;
    }

    /** Queue {@code gateway.order-shipped}, bound to {@code orders.shipped} on exchange {@code orders}. */
    @Incoming("order-shipped")
    public Uni<Void> onShipped(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    /** Queue {@code gateway.refund-due}, bound to {@code returns.refund-due} on exchange {@code returns}. */
    @Incoming("refund-due")
    public Uni<Void> onRefundDue(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        Uni<Boolean> stored;
        if (RoutingKeys.ORDER_SHIPPED.equals(envelope.type())) {
            OrderShipped shipped = envelope.payloadAs(OrderShipped.class, mapper);
            require(shipped.channelId(), shipped.externalOrderId());
            stored = store.enqueueShipment(envelope.id(), shipped);
        } else if (RoutingKeys.REFUND_DUE.equals(envelope.type())) {
            RefundDue refund = envelope.payloadAs(RefundDue.class, mapper);
            require(refund.channelId(), refund.externalOrderId());
            stored = store.enqueueRefund(envelope.id(), refund);
        } else {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        return stored.invoke(created -> {
                    if (created) {
                        sender.wake();
                    }
                })
                .replaceWithVoid();
    }

    private static void require(String channelId, String externalOrderId) {
        if (channelId == null || channelId.isBlank() || externalOrderId == null || externalOrderId.isBlank()) {
            throw new PoisonMessage("order update without channelId or externalOrderId");
        }
    }
}

package dev.shelfsync.routing.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Takes orders and cancellations from channel-gateway; each message applied at most once (inbox). */
@ApplicationScoped
public class ChannelOrderConsumer {

    private final ChannelOrders orders;
    private final ObjectMapper mapper;

    public ChannelOrderConsumer(ChannelOrders orders, ObjectMapper mapper) {
        this.orders = orders;
        this.mapper = mapper;
    }

    @Incoming("channel-orders")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.ORDER_RECEIVED -> orders.receive(
                    valid(envelope.payloadAs(OrderReceived.class, mapper)), envelope.id(), envelope.correlationId());
            case RoutingKeys.ORDER_CANCELLED -> orders.cancel(
                    valid(envelope.payloadAs(OrderCancelled.class, mapper)), envelope.id());
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }

    private static OrderReceived valid(OrderReceived order) {
        if (blank(order.channelId()) || blank(order.externalOrderId())) {
            throw new PoisonMessage("order without channel or external order id");
        }
        if (order.lines() == null || order.lines().isEmpty()) {
            throw new PoisonMessage("order " + order.externalOrderId() + " has no lines");
        }
        Set<String> lineIds = new HashSet<>();
        for (OrderLine line : order.lines()) {
            if (line == null || blank(line.lineId()) || blank(line.sku()) || line.quantity() <= 0) {
                throw new PoisonMessage("order " + order.externalOrderId() + " has an invalid line");
            }
            if (!lineIds.add(line.lineId())) {
                throw new PoisonMessage("order " + order.externalOrderId() + " repeats line " + line.lineId());
            }
        }
        return order;
    }

    private static OrderCancelled valid(OrderCancelled cancel) {
        if (blank(cancel.channelId()) || blank(cancel.externalOrderId())) {
            throw new PoisonMessage("cancellation without channel or external order id");
        }
        return cancel;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

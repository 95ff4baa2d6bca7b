package dev.shelfsync.gateway.sales;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.gateway.push.PushScheduler;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Routing's answer about a sale the gateway took in: reserved ({@code orders.routed}, with the availability version
 * that includes it) or unfulfillable. Both only delete or mark in-flight rows, so a redelivery changes nothing and
 * no inbox is needed.
 */
@ApplicationScoped
public class SaleOutcomeConsumer {

    private final Pool pool;
    private final SalesInFlight salesInFlight;
    private final PushScheduler pushers;
    private final ObjectMapper mapper;

    public SaleOutcomeConsumer(Pool pool, SalesInFlight salesInFlight, PushScheduler pushers, ObjectMapper mapper) {
        this.pool = pool;
        this.salesInFlight = salesInFlight;
        this.pushers = pushers;
        this.mapper = mapper;
    }

    /** Queue {@code gateway.sale-outcomes}, bound to {@code orders.routed} and {@code orders.unfulfillable}. */
    @Incoming("sale-outcomes")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        Uni<Set<String>> wake;
        if (RoutingKeys.ORDER_ROUTED.equals(envelope.type())) {
            OrderRouted routed = envelope.payloadAs(OrderRouted.class, mapper);
            require(routed.channelId(), routed.externalOrderId());
            wake = pool.withTransaction(tx -> salesInFlight.reserved(
                    tx, routed.channelId(), routed.externalOrderId(), routed.availabilityVersions()));
        } else if (RoutingKeys.ORDER_UNFULFILLABLE.equals(envelope.type())) {
            OrderUnfulfillable unfulfillable = envelope.payloadAs(OrderUnfulfillable.class, mapper);
            require(unfulfillable.channelId(), unfulfillable.externalOrderId());
            wake = pool.withTransaction(
                    tx -> salesInFlight.voided(tx, unfulfillable.channelId(), unfulfillable.externalOrderId()));
        } else {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        return wake.invoke(pushers::wakeAll).replaceWithVoid();
    }

    private static void require(String channelId, String externalOrderId) {
        if (channelId == null || channelId.isBlank() || externalOrderId == null || externalOrderId.isBlank()) {
            throw new PoisonMessage("order outcome without channelId or externalOrderId");
        }
    }
}

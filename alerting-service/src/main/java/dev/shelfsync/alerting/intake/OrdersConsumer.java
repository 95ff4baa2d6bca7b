package dev.shelfsync.alerting.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.alerting.incident.Incidents;
import dev.shelfsync.alerting.messaging.Require;
import dev.shelfsync.alerting.reorder.ReorderPoints;
import dev.shelfsync.alerting.reorder.SalesLedger;
import dev.shelfsync.alerting.reorder.SalesLedger.Sale;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Records sales (routed and shipped orders) for velocity and raises oversell incidents. */
@ApplicationScoped
public class OrdersConsumer {

    private final SalesLedger sales;
    private final ReorderPoints reorderPoints;
    private final Incidents incidents;
    private final Inbox inbox;
    private final ObjectMapper mapper;

    public OrdersConsumer(
            SalesLedger sales, ReorderPoints reorderPoints, Incidents incidents, Inbox inbox, ObjectMapper mapper) {
        this.sales = sales;
        this.reorderPoints = reorderPoints;
        this.incidents = incidents;
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("orders-in")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.ORDER_ROUTED -> {
                OrderRouted event = envelope.payloadAs(OrderRouted.class, mapper);
                Require.present(event.orderId(), envelope.type(), "orderId");
                List<Sale> lines = new ArrayList<>();
                for (Allocation allocation :
                        event.allocations() == null ? List.<Allocation>of() : event.allocations()) {
                    Require.present(allocation.sku(), envelope.type(), "allocations.sku");
                    Require.present(allocation.lineId(), envelope.type(), "allocations.lineId");
                    lines.add(new Sale(
                            event.orderId(),
                            allocation.lineId(),
                            allocation.locationId(),
                            allocation.sku(),
                            event.channelId(),
                            allocation.quantity()));
                }
                yield inbox.once(envelope.id(), tx -> sold(tx, lines, envelope.occurredAt()));
            }
            case RoutingKeys.ORDER_SHIPPED -> {
                OrderShipped event = envelope.payloadAs(OrderShipped.class, mapper);
                Require.present(event.orderId(), envelope.type(), "orderId");
                List<Sale> lines = new ArrayList<>();
                for (OrderShipped.ShippedLine line :
                        event.lines() == null ? List.<OrderShipped.ShippedLine>of() : event.lines()) {
                    Require.present(line.sku(), envelope.type(), "lines.sku");
                    Require.present(line.lineId(), envelope.type(), "lines.lineId");
                    lines.add(new Sale(
                            event.orderId(),
                            line.lineId(),
                            event.locationId(),
                            line.sku(),
                            event.channelId(),
                            line.quantity()));
                }
                yield inbox.once(envelope.id(), tx -> sold(tx, lines, envelope.occurredAt()));
            }
            case RoutingKeys.ORDER_UNFULFILLABLE -> {
                OrderUnfulfillable event = envelope.payloadAs(OrderUnfulfillable.class, mapper);
                Require.present(event.orderId(), envelope.type(), "orderId");
                yield inbox.once(envelope.id(), tx -> incidents.oversell(tx, event));
            }
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }

    private Uni<Void> sold(SqlConnection tx, List<Sale> lines, Instant soldAt) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Set<String> skus = new LinkedHashSet<>();
        for (Sale line : lines) {
            skus.add(line.sku());
            chain = chain.flatMap(ignored -> sales.record(tx, line, soldAt));
        }
        for (String sku : skus) {
            chain = chain.flatMap(ignored -> reorderPoints.evaluate(tx, sku));
        }
        return chain;
    }
}

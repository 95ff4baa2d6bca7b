package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.inventory.SaleRef;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.platform.outbox.OutboxWriter;
import java.util.List;

/** What a reservation tells the others: its answer to the requester and the availability events naming the sale. */
final class ReservationMessages {

    private ReservationMessages() {}

    /** The outcome as the requester's answer: a confirmation with its allocations and versions, or a refusal. */
    static OutboxWriter.Message answer(ReservationOutcome outcome) {
        return outcome.confirmed()
                ? new OutboxWriter.Message(
                        RoutingKeys.RESERVATION_CONFIRMED,
                        outcome.orderId(),
                        null,
                        new ReservationConfirmed(
                                outcome.orderId(), outcome.allocations(), outcome.availabilityVersions()))
                : new OutboxWriter.Message(
                        RoutingKeys.RESERVATION_REFUSED,
                        outcome.orderId(),
                        null,
                        new ReservationRefused(outcome.orderId(), outcome.reason(), outcome.shortLines()));
    }

    /**
     * The availability versions this transaction takes are the first to include the reservation: their events name
     * the marketplace sale, so the gateway stops counting it as in flight in the same step as it applies them.
     */
    static List<OutboxWriter.Message> namingTheSale(
            List<OutboxWriter.Message> messages, StockReservationRequested request) {
        if (request.channelId() == null || request.externalOrderId() == null) {
            return messages;
        }
        List<SaleRef> sale = List.of(new SaleRef(request.channelId(), request.externalOrderId()));
        return messages.stream()
                .map(message -> message.payload() instanceof AvailabilityChanged changed
                        ? new OutboxWriter.Message(
                                message.routingKey(),
                                message.correlationId(),
                                message.version(),
                                new AvailabilityChanged(
                                        changed.sku(),
                                        changed.version(),
                                        changed.defaultAvailable(),
                                        changed.channels(),
                                        changed.fences(),
                                        sale))
                        : message)
                .toList();
    }
}

package dev.shelfsync.alerting.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.alerting.incident.Incidents;
import dev.shelfsync.alerting.messaging.Require;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Raises return inspections that missed their SLA. */
@ApplicationScoped
public class ReturnsConsumer {

    private final Incidents incidents;
    private final Inbox inbox;
    private final ObjectMapper mapper;

    public ReturnsConsumer(Incidents incidents, Inbox inbox, ObjectMapper mapper) {
        this.incidents = incidents;
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("returns-in")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.INSPECTION_OVERDUE.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        InspectionOverdue event = envelope.payloadAs(InspectionOverdue.class, mapper);
        Require.present(event.rmaId(), envelope.type(), "rmaId");
        return inbox.once(envelope.id(), tx -> incidents.inspectionOverdue(tx, event));
    }
}

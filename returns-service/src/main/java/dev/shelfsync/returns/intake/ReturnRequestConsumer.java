package dev.shelfsync.returns.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import dev.shelfsync.returns.rma.RmaOpenings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Opens a return for each channel return request; each message at most once (inbox), unusable ones parked. */
@ApplicationScoped
public class ReturnRequestConsumer {

    private final RmaOpenings returns;
    private final ObjectMapper mapper;

    public ReturnRequestConsumer(RmaOpenings returns, ObjectMapper mapper) {
        this.returns = returns;
        this.mapper = mapper;
    }

    @Incoming("channel-returns")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        if (!RoutingKeys.RETURN_REQUESTED.equals(envelope.type())) {
            throw new PoisonMessage("unexpected message type " + envelope.type());
        }
        ReturnRequested request = envelope.payloadAs(ReturnRequested.class, mapper);
        validate(request);
        return returns.fromChannel(request, envelope.id());
    }

    private static void validate(ReturnRequested request) {
        if (blank(request.channelId()) || blank(request.externalOrderId())) {
            throw new PoisonMessage("return request without channel or order reference");
        }
        if (request.lines() == null || request.lines().isEmpty()) {
            throw new PoisonMessage("return request without lines");
        }
        for (ReturnRequested.ReturnLine line : request.lines()) {
            if (line == null || blank(line.sku()) || line.quantity() <= 0) {
                throw new PoisonMessage("return line without SKU or with a non-positive quantity");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package dev.shelfsync.alerting.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.alerting.incident.Incidents;
import dev.shelfsync.alerting.messaging.Require;
import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelDriftDetected;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import dev.shelfsync.platform.messaging.PoisonMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Raises channel sync failures, drift and unknown listings reported by channel-gateway. */
@ApplicationScoped
public class ChannelsConsumer {

    private final Incidents incidents;
    private final Inbox inbox;
    private final ObjectMapper mapper;

    public ChannelsConsumer(Incidents incidents, Inbox inbox, ObjectMapper mapper) {
        this.incidents = incidents;
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("channels-in")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        return switch (envelope.type()) {
            case RoutingKeys.SYNC_FAILED -> {
                ChannelSyncFailed event = envelope.payloadAs(ChannelSyncFailed.class, mapper);
                Require.present(event.channelId(), envelope.type(), "channelId");
                yield inbox.once(envelope.id(), tx -> incidents.syncFailed(tx, event));
            }
            case RoutingKeys.DRIFT_DETECTED -> {
                ChannelDriftDetected event = envelope.payloadAs(ChannelDriftDetected.class, mapper);
                Require.present(event.channelId(), envelope.type(), "channelId");
                Require.present(event.listingId(), envelope.type(), "listingId");
                yield inbox.once(envelope.id(), tx -> incidents.drift(tx, event));
            }
            case RoutingKeys.UNKNOWN_LISTING_RECEIVED -> {
                UnknownListingReceived event = envelope.payloadAs(UnknownListingReceived.class, mapper);
                Require.present(event.channelId(), envelope.type(), "channelId");
                Require.present(event.listingId(), envelope.type(), "listingId");
                yield inbox.once(envelope.id(), tx -> incidents.unknownListing(tx, event));
            }
            default -> throw new PoisonMessage("unexpected message type " + envelope.type());
        };
    }
}

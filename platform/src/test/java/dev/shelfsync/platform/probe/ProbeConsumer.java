package dev.shelfsync.platform.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.platform.inbox.Inbox;
import dev.shelfsync.platform.messaging.IncomingEnvelope;
import dev.shelfsync.platform.messaging.MessageSettler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A consumer wired the way every service wires one: envelope, inbox and effect in one transaction, settled by the
 * platform. A payload {@code {"failTimes": n}} fails its first n deliveries, as a dependency outage would.
 */
@ApplicationScoped
public class ProbeConsumer {

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveriesByLabel = new ConcurrentHashMap<>();

    public ProbeConsumer(Inbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    @Incoming("probe")
    public Uni<Void> onMessage(Message<Object> message) {
        return MessageSettler.settle(message, Uni.createFrom().deferred(() -> apply(message.getPayload())));
    }

    /** How many times the message with this id reached the consumer, duplicates and retries included. */
    public int deliveries(String messageId) {
        AtomicInteger count = attempts.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** How many copies of the event with this label reached the consumer, whatever their message ids. */
    public int deliveriesOfLabel(String label) {
        AtomicInteger count = deliveriesByLabel.get(label);
        return count == null ? 0 : count.get();
    }

    private Uni<Void> apply(Object body) {
        IncomingEnvelope envelope = IncomingEnvelope.parse(body, mapper);
        int attempt = attempts.computeIfAbsent(envelope.id(), id -> new AtomicInteger())
                .incrementAndGet();
        if (attempt <= envelope.payload().path("failTimes").asInt(0)) {
            return Uni.createFrom().failure(new IllegalStateException("dependency unavailable"));
        }
        String label = envelope.payload().path("label").asText("");
        deliveriesByLabel.computeIfAbsent(label, any -> new AtomicInteger()).incrementAndGet();
        return inbox.once(
                envelope.id(), tx -> tx.preparedQuery("insert into probe_effect (message_id, label) values ($1, $2)")
                        .execute(Tuple.of(envelope.id(), label))
                        .replaceWithVoid());
    }
}

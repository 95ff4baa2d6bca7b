package dev.shelfsync.platform.logging;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * Puts what a delivered event is about into the log context while it is handled: its id, its type and the
 * aggregate it belongs to (the order, return, channel or SKU), from the headers every outbox relay sets.
 */
public final class MessageLogContext {

    private static final Map<String, String> KEYS_BY_HEADER =
            Map.of("event-id", "eventId", "event-type", "eventType", "aggregate-id", "aggregateId");

    private MessageLogContext() {}

    public static void enter(Message<?> message) {
        message.getMetadata(IncomingRabbitMQMetadata.class)
                .ifPresent(metadata -> KEYS_BY_HEADER.forEach((header, key) ->
                        metadata.getHeader(header, String.class).ifPresent(value -> MDC.put(key, value))));
    }

    public static void leave() {
        KEYS_BY_HEADER.values().forEach(MDC::remove);
    }
}

package dev.shelfsync.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the settler sees of every consumed message: how long after the producer's commit it was applied, and how many
 * messages it parked.
 *
 * <p>The settler is a static helper called from every consumer, so the meters live in Micrometer's global registry,
 * to which Quarkus adds the service's registry. Labels stay bounded: the event type (routing key), which within one
 * service arrives through one queue, and the park reason.
 */
@ApplicationScoped
public class DeliveryMetrics {

    static final String PARKED = "shelfsync.messages.parked";
    static final String LAG = "shelfsync.messaging.delivery.lag";

    /** Parks that happen nowhere else but in the settler; exported at 0 from start-up so alerts see the series. */
    void start(@Observes StartupEvent event) {
        parkedCounter("poison");
    }

    /** A message the settler rejected to the dead-letter exchange (parking queue) without retrying. */
    static void parked(String reason) {
        parkedCounter(reason).increment();
    }

    /** A message applied and acknowledged: the time since its event occurred (the producer's transaction). */
    static void applied(Message<?> message) {
        Optional<IncomingRabbitMQMetadata> metadata = message.getMetadata(IncomingRabbitMQMetadata.class);
        // The header may arrive as the client's LongString; its text is what counts.
        Object occurredAt = metadata.map(m -> m.getHeaders().get("occurred-at")).orElse(null);
        if (occurredAt == null) {
            return;
        }
        Instant occurred;
        try {
            occurred = Instant.parse(occurredAt.toString());
        } catch (DateTimeParseException e) {
            // Measuring must never fail a message that was applied: a foreign or garbled header is not measured.
            return;
        }
        String event = metadata.get().getRoutingKey();
        // Clocks of producer and consumer hosts may differ slightly; a negative lag is recorded as none.
        Duration lag = Duration.between(occurred, Instant.now());
        Timer.builder(LAG)
                .description("Time from an event's commit at its producer to its consumer's commit")
                .tag("event", event == null ? "unknown" : event)
                .serviceLevelObjectives(
                        Duration.ofMillis(10),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5))
                .register(Metrics.globalRegistry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    private static Counter parkedCounter(String reason) {
        return Counter.builder(PARKED)
                .description("Messages the settler parked in the dead-letter (parking) queue")
                .tag("reason", reason)
                .register(Metrics.globalRegistry);
    }
}

package dev.shelfsync.platform.messaging;

import dev.shelfsync.platform.logging.MessageLogContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Acknowledges a message only after its transaction committed. A poison message is rejected to the queue's
 * dead-letter exchange at once; any other failure is requeued after a growing pause, and the quorum queue's
 * delivery limit parks it after bounded retries.
 */
public final class MessageSettler {

    private static final Logger LOG = Logger.getLogger(MessageSettler.class);

    private MessageSettler() {}

    public static Uni<Void> settle(Message<?> message, Uni<Void> work) {
        MessageLogContext.enter(message);
        return work.flatMap(done -> Uni.createFrom().completionStage(message.ack()))
                .invoke(acked -> DeliveryMetrics.applied(message))
                .onFailure()
                .recoverWithUni(failure -> {
                    if (failure instanceof PoisonMessage) {
                        LOG.warnf("parking poison message: %s", failure.getMessage());
                        DeliveryMetrics.parked("poison");
                        return Uni.createFrom()
                                .completionStage(message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(false))));
                    }
                    long attempt = deliveryCount(message);
                    Duration pause = Duration.ofMillis(Math.min(5_000, 100L << Math.min(attempt, 6)));
                    LOG.warnf(
                            "message failed (attempt %d), requeueing in %s: %s",
                            attempt + 1, pause, failure.toString());
                    return Uni.createFrom()
                            .voidItem()
                            .onItem()
                            .delayIt()
                            .by(pause)
                            .flatMap(ignored -> Uni.createFrom()
                                    .completionStage(
                                            message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true)))));
                })
                .onTermination()
                .invoke(MessageLogContext::leave);
    }

    private static long deliveryCount(Message<?> message) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .flatMap(metadata -> metadata.getHeader("x-delivery-count", Number.class))
                .map(Number::longValue)
                .orElse(0L);
    }
}

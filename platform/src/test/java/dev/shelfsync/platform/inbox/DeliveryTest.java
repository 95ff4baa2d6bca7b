package dev.shelfsync.platform.inbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.platform.probe.ProbeConsumer;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.LocalBroker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consumer side of the platform: inbox, envelope reader and settler against the real broker and database. */
@QuarkusTest
class DeliveryTest {

    private static final String PARKING = "platform.probe.parking";

    @Inject
    ProbeConsumer consumer;

    @Inject
    ProbeStore store;

    @Test
    void aMessageDeliveredTwiceIsAppliedOnce() {
        String label = UUID.randomUUID().toString();
        String messageId = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            broker.publish("probe", "probe.recorded", messageId, Map.of("label", label));
            broker.publish("probe", "probe.recorded", messageId, Map.of("label", label));

            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.deliveries(messageId) == 2);
            assertEquals(1, store.effects(label));
        }
    }

    @Test
    void aFailingMessageIsRetriedUntilItApplies() {
        String label = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            String messageId = broker.publish("probe", "probe.recorded", Map.of("label", label, "failTimes", 2));

            await().atMost(Duration.ofSeconds(20)).until(() -> store.effects(label) == 1);
            assertEquals(3, consumer.deliveries(messageId));
        }
    }

    @Test
    void aPoisonMessageIsParkedAtOnceAndTheQueueMovesOn() {
        String label = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            long parked = broker.depth(PARKING);

            broker.publishRaw("probe", "probe.recorded", "{not json");
            broker.publish("probe", "probe.recorded", Map.of("label", label));

            await().atMost(Duration.ofSeconds(10)).until(() -> store.effects(label) == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth(PARKING) == parked + 1);
        }
    }

    @Test
    void aMessageThatNeverAppliesIsParkedAfterBoundedRetries() {
        String label = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            long parked = broker.depth(PARKING);

            String messageId = broker.publish("probe", "probe.recorded", Map.of("label", label, "failTimes", 1000));

            await().atMost(Duration.ofSeconds(60)).until(() -> broker.depth(PARKING) == parked + 1);
            assertEquals(0, store.effects(label));
            // the queue's delivery limit (5) bounds the retries
            assertTrue(
                    consumer.deliveries(messageId) >= 5 && consumer.deliveries(messageId) <= 7,
                    "deliveries: " + consumer.deliveries(messageId));
        }
    }
}

package dev.shelfsync.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.LocalBroker;
import dev.shelfsync.platform.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The settler's meters: every applied event is measured from its commit, every poison message it parks counted. */
@QuarkusTest
class DeliveryMetricsTest {

    private static final String LAG_COUNT = "shelfsync_messaging_delivery_lag_seconds_count";
    private static final String PARKED = "shelfsync_messages_parked_total";
    private static final String PROBE = "event=\"probe.recorded\"";

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void anEventAppliedThroughTheSettlerIsMeasuredFromItsCommitUnderItsEventType() {
        String label = UUID.randomUUID().toString();
        double before = orZero(Scrape.value(Scrape.metrics(), LAG_COUNT, PROBE));

        events.record(label).await().indefinitely();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.effects(label) == 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> orZero(Scrape.value(Scrape.metrics(), LAG_COUNT, PROBE)) >= before + 1);
    }

    @Test
    void aPoisonMessageTheSettlerParksIsCountedOnce() {
        String label = UUID.randomUUID().toString();
        // Exported at zero from start-up, so an alert on it has a series before the first park.
        double before = Scrape.value(Scrape.metrics(), PARKED, "reason=\"poison\"");
        try (LocalBroker broker = new LocalBroker()) {
            broker.publishRaw("probe", "probe.recorded", "{not json");
            broker.publish("probe", "probe.recorded", Map.of("label", label));

            await().atMost(Duration.ofSeconds(10)).until(() -> store.effects(label) == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Scrape.value(Scrape.metrics(), PARKED, "reason=\"poison\"") == before + 1);
        }
        assertEquals(before + 1, Scrape.value(Scrape.metrics(), PARKED, "reason=\"poison\""));
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}

package dev.shelfsync.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.BrokerFaults;
import dev.shelfsync.platform.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The outbox gauges show events that are not leaving, and return to zero once the relay publishes again. */
@QuarkusTest
class OutboxMetricsTest {

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void anUnconfirmedEventShowsAsBacklogAgeingAndAFailingRelayUntilTheBrokerConfirms() {
        String label = UUID.randomUUID().toString();
        try (BrokerFaults faults = new BrokerFaults()) {
            faults.blockPublishers();
            events.record(label).await().indefinitely();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = Scrape.metrics();
                assertEquals(1.0, Scrape.value(metrics, "shelfsync_outbox_backlog_messages"));
                assertEquals(1.0, Scrape.value(metrics, "shelfsync_outbox_relay_failing"));
            });
            double firstAge = Scrape.value(Scrape.metrics(), "shelfsync_outbox_oldest_age_seconds");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Scrape.value(Scrape.metrics(), "shelfsync_outbox_oldest_age_seconds") > firstAge);

            faults.unblockPublishers();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(label) == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = Scrape.metrics();
            assertEquals(0.0, Scrape.value(metrics, "shelfsync_outbox_backlog_messages"));
            assertEquals(0.0, Scrape.value(metrics, "shelfsync_outbox_oldest_age_seconds"));
            assertEquals(0.0, Scrape.value(metrics, "shelfsync_outbox_relay_failing"));
        });
    }
}

package dev.shelfsync.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.BrokerFaults;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay and the consumers under real broker faults: nothing waits forever, readiness tells the truth, and
 * every committed event takes effect exactly once after the fault ends.
 */
@QuarkusTest
class BrokerFaultTest {

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void confirmsThatNeverArriveTimeOutAndTheBatchIsPublishedAgain() {
        String label = UUID.randomUUID().toString();
        try (BrokerFaults faults = new BrokerFaults()) {
            faults.blockPublishers();
            events.record(label).await().indefinitely();

            await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
            assertEquals(1, store.unpublished());
            assertEquals(0, store.effects(label));

            faults.unblockPublishers();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(label) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.unpublished() == 0 && readiness() == 200);
        assertEquals(1, store.effects(label));
    }

    @Test
    void aBrokerRestartDelaysEventsButLosesAndDoublesNone() {
        String during = UUID.randomUUID().toString();
        try (BrokerFaults faults = new BrokerFaults()) {
            faults.stopBroker();
            events.record(during).await().indefinitely();

            await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
            assertEquals(1, store.unpublished());

            faults.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> store.effects(during) == 1);
        String after = UUID.randomUUID().toString();
        events.record(after).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(after) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.unpublished() == 0 && readiness() == 200);
        assertEquals(1, store.effects(during));
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }
}

package dev.shelfsync.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.FreezableBrokerLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A broker connection that goes silent without closing (half-open): no error ever arrives on it. The relay's confirms
 * time out, readiness goes down, the missed heartbeats declare the connection dead, the application connects again,
 * and the event committed meanwhile takes effect exactly once; nothing waits forever.
 */
@QuarkusTest
@TestProfile(HalfOpenBrokerTest.ThroughAFreezableLink.class)
class HalfOpenBrokerTest {

    /** Reaches the broker through the proxy; heartbeats short enough for a silent connection to be noticed here. */
    public static class ThroughAFreezableLink implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.connector.smallrye-rabbitmq.requested-heartbeat", "2");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(FreezableBrokerLink.class));
        }
    }

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void aSilentBrokerConnectionIsDroppedAndReplacedAndTheEventArrivesOnce() {
        String before = UUID.randomUUID().toString();
        events.record(before).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(before) == 1);
        int connections = FreezableBrokerLink.connectionsOpened();

        FreezableBrokerLink.silenceOpenConnections();
        String during = UUID.randomUUID().toString();
        events.record(during).await().indefinitely();

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        await().atMost(Duration.ofSeconds(90)).until(() -> store.effects(during) == 1);
        assertTrue(
                FreezableBrokerLink.connectionsOpened() > connections, "the application never opened a new connection");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.unpublished() == 0 && readiness() == 200);
        assertEquals(1, store.effects(during));
        assertEquals(1, store.effects(before));
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }
}

package dev.shelfsync.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.probe.ProbeConsumer;
import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.FreezableBrokerLink;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A broker connection that stalls for several confirm timeouts and then carries on, as under a CPU-starved broker or
 * a congested link. The sends already handed to the connector are waited for, not answered with copies: once the
 * link moves again every event arrives once, and its row goes when its late confirm does.
 */
@QuarkusTest
@TestProfile(LateConfirmsTest.ThroughAFreezableLink.class)
class LateConfirmsTest {

    /** Reaches the broker through the proxy, with the connector's default heartbeat: a short stall is not a death. */
    public static class ThroughAFreezableLink implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FreezableBrokerLink.class));
        }
    }

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Inject
    ProbeConsumer consumer;

    @Test
    void sendsWaitingForTheirConfirmAreNotSentAgain() {
        String warmUp = UUID.randomUUID().toString();
        events.record(warmUp).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(warmUp) == 1);
        int connections = FreezableBrokerLink.connectionsOpened();

        FreezableBrokerLink.silenceOpenConnections();
        String run = UUID.randomUUID().toString();
        String[] labels = IntStream.range(0, 20).mapToObj(i -> run + "-" + i).toArray(String[]::new);
        events.record(labels).await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == 503);
        // Confirm timeouts and retry pauses pass with the link stalled (yet shorter than the 5 s after which a send
        // is presumed lost); no row may go without its confirm.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(3))
                .until(() -> store.unpublished() == labels.length);

        FreezableBrokerLink.resumeOpenConnections();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> List.of(labels).stream().allMatch(label -> store.effects(label) == 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.unpublished() == 0 && readiness() == 200);
        // Copies would reach the consumer right behind the originals, on the same connection.
        await().pollDelay(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertEquals(labels.length, deliveries(labels), "deliveries, copies included"));
        assertEquals(connections, FreezableBrokerLink.connectionsOpened(), "the stalled connection was replaced");
    }

    private int deliveries(String[] labels) {
        return List.of(labels).stream().mapToInt(consumer::deliveriesOfLabel).sum();
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }
}

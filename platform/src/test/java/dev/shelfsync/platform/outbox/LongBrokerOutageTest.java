package dev.shelfsync.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.BrokerFaults;
import dev.shelfsync.platform.testing.WarningCounter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A broker away for longer than the relay waits for a confirm and longer than it presumes a send lost, while the
 * service keeps committing events and every insert wakes the relay. The relay retries at the pace of its retry
 * pause, not at the pace of the writes, so the log stays readable and bounded; once the broker is back every event
 * takes effect exactly once.
 */
@QuarkusTest
class LongBrokerOutageTest {

    /** More than one batch (500 rows) and, before the relay had its own publisher, than the connector's window. */
    private static final int BACKLOG = 700;
    /** Written one by one during the outage, each announced by its own NOTIFY. */
    private static final int TRICKLE = 250;

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void writesDuringALongOutageNeitherFloodTheLogNorGetLostOrDoubled() throws InterruptedException {
        String prefix = UUID.randomUUID() + "-";
        long warnings;
        try (BrokerFaults faults = new BrokerFaults();
                WarningCounter log = new WarningCounter()) {
            faults.stopBroker();
            events.record(labels(prefix + "backlog-", BACKLOG)).await().indefinitely();
            // 25 s of writes: past the confirm timeout (5 s) and past presume-lost-after (15 s).
            for (int i = 0; i < TRICKLE; i++) {
                events.record(prefix + "trickle-" + i).await().indefinitely();
                Thread.sleep(100);
            }
            assertEquals(503, readiness());
            warnings = log.count();
            System.out.printf("[outage] %d warnings and errors logged while the broker was away%n", warnings);
            faults.startBroker();
        }
        // Before the relay waited out its pause, every insert drained a batch whose every send the full connector
        // refused, each logged with its stack trace: 85,000 lines in these 25 s. What remains grows with time, not
        // with writes: the consumer's reconnect attempts (one a second) and the relay's own lines.
        assertTrue(warnings < 200, warnings + " warnings logged during a 25 s outage");

        int expected = BACKLOG + TRICKLE;
        await().atMost(Duration.ofSeconds(120)).until(() -> store.labelsStartingWith(prefix) == expected);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.unpublished() == 0 && readiness() == 200);
        assertEquals(expected, store.effectsStartingWith(prefix), "an event took effect twice");
    }

    private static String[] labels(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }
}

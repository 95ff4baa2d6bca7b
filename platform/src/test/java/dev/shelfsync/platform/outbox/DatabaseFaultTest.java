package dev.shelfsync.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.DatabaseFaults;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database crashes under a running service: writes fail at once instead of hanging, readiness says so, and
 * when the server is back the relay (its LISTEN connection and its pool) picks up again without a restart; what
 * was committed before the crash took effect once and is not sent again.
 */
@QuarkusTest
class DatabaseFaultTest {

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void aDatabaseCrashFailsWritesClearlyAndTheRelayResumesAfterRecovery() {
        String before = UUID.randomUUID().toString();
        events.record(before).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> store.effects(before) == 1);

        String during = UUID.randomUUID().toString();
        try (DatabaseFaults faults = new DatabaseFaults()) {
            faults.crash();
            assertThrows(
                    RuntimeException.class,
                    () -> events.record(during).await().atMost(Duration.ofSeconds(20)),
                    "a write while the database is down must fail, not wait");
            await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
            faults.start();
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> readiness() == 200);
        String after = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            events.record(after).await().atMost(Duration.ofSeconds(5));
            return true;
        });
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> store.effects(after) == 1);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> store.unpublished() == 0);
        assertEquals(1, store.effects(before));
        assertEquals(0, store.effects(during));
        assertEquals(1, store.effects(after));
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }
}

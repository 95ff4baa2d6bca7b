package dev.shelfsync.platform.logging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A line logged while a request or a delivery is handled carries what it is about, in the log context. */
@QuarkusTest
class LogContextTest {

    /** A logged line as the handler saw it: its text and the log context at that moment. */
    record Line(String message, Map<String, String> context) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord logged) {
                lines.add(new Line(logged.getFormattedMessage(), Map.copyOf(logged.getMdcCopy())));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @BeforeEach
    void listen() {
        Logger.getLogger("dev.shelfsync").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("dev.shelfsync").removeHandler(capture);
    }

    @Test
    void aRequestLogsWithTheIdentifiersInItsPath() {
        String id = UUID.randomUUID().toString();
        given().get("/probe/things/" + id).then().statusCode(404);

        Line line = await().atMost(Duration.ofSeconds(5))
                .until(() -> find("looking for a thing"), Optional::isPresent)
                .orElseThrow();
        assertEquals(id, line.context().get("thingId"), line.toString());
    }

    @Test
    void aDeliveryLogsWithItsEventAndAggregate() {
        String label = UUID.randomUUID().toString();
        events.recordFailingOnce(label).await().indefinitely();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.effects(label) == 1);

        Line line = lines.stream()
                .filter(logged -> logged.message().startsWith("message failed")
                        && ("probe-" + label).equals(logged.context().get("aggregateId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no retry logged for probe-" + label + " in " + lines));
        assertEquals("probe.recorded", line.context().get("eventType"));
        assertEquals(36, line.context().getOrDefault("eventId", "").length(), line.toString());
    }

    private Optional<Line> find(String start) {
        return lines.stream().filter(line -> line.message().startsWith(start)).findFirst();
    }
}

package dev.shelfsync.platform.outbox;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.platform.probe.ProbeEvents;
import dev.shelfsync.platform.probe.ProbeStore;
import dev.shelfsync.platform.testing.LocalBroker;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    ProbeEvents events;

    @Inject
    ProbeStore store;

    @Test
    void committedEventsLeaveInOrderWithTheEnvelopeAndHeadersOfTheContract() {
        String run = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            String queue = broker.listen("probe", "probe.#");

            events.record(run + "-a", run + "-b", run + "-c").await().indefinitely();

            List<LocalBroker.Received> received = collect(broker, queue, run, 3);
            assertThat(labels(received), contains(run + "-a", run + "-b", run + "-c"));
            LocalBroker.Received first = received.get(0);
            JsonNode body = first.body();
            assertEquals("probe.recorded", body.path("type").asText());
            assertEquals("probe-" + run + "-a", body.path("correlationId").asText());
            assertEquals(1L, body.path("version").asLong());
            assertTrue(Instant.parse(body.path("occurredAt").asText()).isBefore(Instant.now()));
            assertEquals(body.path("id").asText(), first.properties().getMessageId());
            assertEquals(2, first.properties().getDeliveryMode());
            for (String header : List.of("event-id", "event-type", "occurred-at", "aggregate-id")) {
                assertThat(first.properties().getHeaders(), hasKey(header));
            }
            assertEquals(
                    body.path("id").asText(),
                    first.properties().getHeaders().get("event-id").toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> store.unpublished() == 0);
        }
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String run = UUID.randomUUID().toString();
        try (LocalBroker broker = new LocalBroker()) {
            String queue = broker.listen("probe", "probe.#");

            assertThrows(
                    IllegalStateException.class,
                    () -> events.recordThenFail(run + "-refused").await().indefinitely());
            events.record(run + "-after").await().indefinitely();

            // The later event has left, so the refused one would have left before it.
            assertThat(labels(collect(broker, queue, run, 1)), contains(run + "-after"));
        }
    }

    private static List<String> labels(List<LocalBroker.Received> received) {
        return received.stream()
                .map(message -> message.body().path("payload").path("label").asText())
                .toList();
    }

    /** The messages of this run only: a late copy of another test's event may reach the queue too. */
    private static List<LocalBroker.Received> collect(LocalBroker broker, String queue, String run, int expected) {
        List<LocalBroker.Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            broker.drain(queue).stream()
                    .filter(message -> message.body()
                            .path("payload")
                            .path("label")
                            .asText()
                            .startsWith(run))
                    .forEach(received::add);
            return received.size() >= expected;
        });
        return received;
    }
}

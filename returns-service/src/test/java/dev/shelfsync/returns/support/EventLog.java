package dev.shelfsync.returns.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shelfsync.platform.testing.LocalBroker;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything returns-service published to the returns exchange since the log was opened. Reads are exact: it waits
 * until the outbox is empty, i.e. the broker confirmed every committed event into the log's queue.
 */
public final class EventLog implements AutoCloseable {

    private final LocalBroker broker = new LocalBroker();
    private final String queue;
    private final Pool pool;
    private final List<JsonNode> seen = new ArrayList<>();

    public EventLog(Pool pool) throws Exception {
        this.pool = pool;
        // Events committed before the log opened must not land in it: let the relay publish them first.
        await().atMost(Duration.ofSeconds(20)).until(this::outboxEmpty);
        this.queue = broker.listen("returns", "returns.#");
    }

    /** Every event about this return so far, in publication order. */
    public List<JsonNode> of(String rmaId) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(this::outboxEmpty);
        seen.addAll(broker.drainBodies(queue));
        return seen.stream()
                .filter(event -> rmaId.equals(event.path("correlationId").asText()))
                .toList();
    }

    public List<String> typesOf(String rmaId) throws Exception {
        return of(rmaId).stream().map(event -> event.path("type").asText()).toList();
    }

    private boolean outboxEmpty() {
        return pool.query("select count(*) from outbox_message")
                        .execute()
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0)
                == 0;
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}

package dev.shelfsync.gateway.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shelfsync.contracts.Envelope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to RabbitMQ and deletes them once the broker has confirmed every one.
 *
 * <p>Woken by {@code NOTIFY outbox_message} from the insert trigger; a slow periodic sweep covers a lost
 * notification or a broken LISTEN connection. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * replicas share the work and a crash before the delete only means the batch is published again (consumers are
 * idempotent by message id).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final String CLAIM =
            "select id, message_id, routing_key, correlation_id, version, occurred_at, payload from outbox_message"
                    + " order by id limit " + BATCH + " for update skip locked";

    private final Pool pool;
    private final Vertx vertx;
    private final ObjectMapper mapper;
    private final MutinyEmitter<String> emitter;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public OutboxRelay(
            Pool pool, Vertx vertx, ObjectMapper mapper, @Channel("gateway-events") MutinyEmitter<String> emitter) {
        this.pool = pool;
        this.vertx = vertx;
        this.mapper = mapper;
        this.emitter = emitter;
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        listen();
        vertx.setPeriodic(1000, id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
    }

    private void listen() {
        if (!running.get()) {
            return;
        }
        pool.getConnection()
                .flatMap(connection -> {
                    PgConnection pg = PgConnection.cast(connection);
                    pg.notificationHandler(notification -> wake());
                    pg.closeHandler(() -> vertx.setTimer(1000, id -> listen()));
                    return pg.query("listen outbox_message").execute();
                })
                .subscribe()
                .with(ok -> wake(), failure -> {
                    LOG.warnf("outbox LISTEN failed, retrying: %s", failure.getMessage());
                    vertx.setTimer(1000, id -> listen());
                });
    }

    /** Asks for a drain; at most one drain runs per instance, and a wake during a drain triggers another. */
    public void wake() {
        wakeRequested.set(true);
        if (running.get() && draining.compareAndSet(false, true)) {
            wakeRequested.set(false);
            drainBatch()
                    .subscribe()
                    .with(
                            published -> {
                                draining.set(false);
                                if (published == BATCH || wakeRequested.get()) {
                                    wake();
                                }
                            },
                            failure -> {
                                draining.set(false);
                                LOG.warnf("outbox relay failed, will retry: %s", failure.getMessage());
                                vertx.setTimer(500, id -> wake());
                            });
        }
    }

    private Uni<Integer> drainBatch() {
        return pool.withTransaction(tx -> tx.query(CLAIM).execute().flatMap(rows -> publishAll(tx, rows)));
    }

    private Uni<Integer> publishAll(SqlConnection tx, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Void>> confirms = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            confirms.add(publish(row));
        }
        return Uni.join()
                .all(confirms)
                .andFailFast()
                .flatMap(confirmed -> tx.preparedQuery("delete from outbox_message where id = any($1)")
                        .execute(Tuple.of(ids.toArray(new Long[0]))))
                .map(deleted -> ids.size());
    }

    private Uni<Void> publish(Row row) {
        String messageId = row.getUUID("message_id").toString();
        String routingKey = row.getString("routing_key");
        OffsetDateTime occurredAt = row.getOffsetDateTime("occurred_at");
        String body;
        try {
            JsonNode payload = mapper.readTree(row.getJsonObject("payload").encode());
            body = mapper.writeValueAsString(new Envelope<>(
                    messageId,
                    routingKey,
                    occurredAt.toInstant(),
                    row.getString("correlation_id"),
                    row.getLong("version"),
                    payload));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(routingKey)
                .withMessageId(messageId)
                .withType(routingKey)
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(occurredAt.atZoneSameInstant(ZoneOffset.UTC))
                .withHeaders(headers(row, messageId, routingKey, occurredAt))
                .build();
        return emitter.sendMessage(Message.of(body).addMetadata(metadata));
    }

    private static Map<String, Object> headers(
            Row row, String messageId, String routingKey, OffsetDateTime occurredAt) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("event-id", messageId);
        headers.put("event-type", routingKey);
        headers.put("occurred-at", occurredAt.toInstant().toString());
        String correlationId = row.getString("correlation_id");
        if (correlationId != null) {
            headers.put("aggregate-id", correlationId);
        }
        return headers;
    }
}

package dev.shelfsync.platform.outbox;

import dev.shelfsync.platform.notify.PgListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to the service's exchange ({@link BrokerPublisher}) and deletes them once the
 * broker has confirmed every one.
 *
 * <p>Woken by {@code NOTIFY outbox_message} from the insert trigger; a periodic sweep covers a lost notification or
 * a broken LISTEN connection. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas share the
 * work. A batch whose confirms do not all arrive within the confirm timeout (connection half-open, broker blocking
 * publishers) is rolled back, and readiness goes down while the sends stay unconfirmed. Those sends are not
 * repeated while they may still be confirmed: the relay deletes a row when its confirm arrives late, and meanwhile
 * goes on with newer rows, as far as the batch size bounds the sends still out. A send that fails (its channel
 * closed, the broker unreachable or refusing) leaves its row to a later batch. A crash before the delete only means
 * a message goes out twice, and consumers are idempotent by message id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM =
            "select id, message_id, routing_key, correlation_id, version, occurred_at, payload, trace_parent"
                    + " from outbox_message where id <> all($2)"
                    + " order by id limit $1 for update skip locked";
    private static final String DELETE = "delete from outbox_message where id = any($1)";

    /** What readiness needs to know: since when publishing keeps failing, and why; null when it works. */
    public record Failure(Instant since, String reason) {}

    /** What one drain did: rows published out of the rows it could claim. */
    private record Drain(int published, int claimLimit) {}

    private final Pool pool;
    private final Vertx vertx;
    private final BrokerPublisher publisher;
    private final OutboxConfig config;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong sweepTimer = new AtomicLong(-1);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicBoolean pausing = new AtomicBoolean();
    private final AtomicBoolean waitingForRoom = new AtomicBoolean();
    private final UnconfirmedSends unconfirmed = new UnconfirmedSends();
    private final Queue<Long> confirmedLate = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean deletingLate = new AtomicBoolean();
    private final PgListener inserts;

    public OutboxRelay(Pool pool, Vertx vertx, BrokerPublisher publisher, OutboxConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.publisher = publisher;
        this.config = config;
        this.inserts = new PgListener(
                pool, vertx, List.of("outbox_message"), running::get, (channel, payload) -> wake(), this::wake);
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        inserts.listen();
        sweepTimer.set(vertx.setPeriodic(config.sweepInterval().toMillis(), id -> wake()));
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        vertx.cancelTimer(sweepTimer.get());
    }

    /** Null while batches are confirmed; otherwise since when and why publishing fails. */
    public Failure failure() {
        return failure.get();
    }

    /**
     * Asks for a drain; at most one drain runs per instance, and a wake during a drain triggers another. During the
     * pause after a failed drain a wake only waits for the pause's end: every insert notifies, and a drain per insert
     * while the broker refuses everything would retry at the pace of the writes instead of the retry pause.
     */
    public void wake() {
        wakeRequested.set(true);
        if (running.get() && !pausing.get() && draining.compareAndSet(false, true)) {
            wakeRequested.set(false);
            drainBatch().subscribe().with(this::drained, this::failed);
        }
    }

    private void drained(Drain drain) {
        long stuck = unconfirmed.olderThan(config.confirmTimeout());
        if (stuck > 0) {
            // Newer rows may leave, but older ones wait for a broker that does not confirm: still not ready.
            Failure previous = failure.get();
            failure.set(new Failure(
                    previous == null ? Instant.now() : previous.since(),
                    stuck + " messages unconfirmed for longer than " + config.confirmTimeout()));
            // Looked at again until they are confirmed or presumed lost, with or without new rows.
            vertx.setTimer(config.confirmTimeout().toMillis(), id -> wake());
        } else {
            consecutiveFailures.set(0);
            if (failure.getAndSet(null) != null) {
                LOG.info("outbox relay publishes again");
            }
        }
        draining.set(false);
        if ((drain.claimLimit() > 0 && drain.published() == drain.claimLimit()) || wakeRequested.get()) {
            wake();
        }
    }

    private void failed(Throwable error) {
        int failures = consecutiveFailures.incrementAndGet();
        Failure previous = failure.get();
        failure.set(new Failure(previous == null ? Instant.now() : previous.since(), error.getMessage()));
        long pause = Math.min(config.maxRetryPause().toMillis(), 250L << Math.min(failures, 8));
        if (failures == 1 || failures % 20 == 0) {
            LOG.warnf("outbox relay failed (%d in a row), retrying in %d ms: %s", failures, pause, error.getMessage());
        }
        pausing.set(true);
        draining.set(false);
        vertx.setTimer(pause, id -> {
            pausing.set(false);
            wake();
        });
    }

    private Uni<Drain> drainBatch() {
        int forgotten = unconfirmed.forgetOlderThan(config.presumeLostAfter());
        if (forgotten > 0) {
            LOG.warnf(
                    "outbox relay sends %d messages again: unconfirmed after %s", forgotten, config.presumeLostAfter());
        }
        // Set before the room is counted, so a confirm arriving in between still wakes the next drain.
        waitingForRoom.set(true);
        int room = config.batchSize() - unconfirmed.count();
        if (room <= 0) {
            return Uni.createFrom().item(new Drain(0, 0));
        }
        waitingForRoom.set(false);
        Long[] skipped = unconfirmed.ids();
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM)
                .execute(Tuple.of(room, skipped))
                .flatMap(rows -> publishAll(tx, rows))
                .map(published -> new Drain(published, room)));
    }

    private Uni<Integer> publishAll(SqlConnection tx, RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Long> ids = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
        }
        ConfirmedBatch batch = new ConfirmedBatch(ids, this::deleteLate);
        for (Row row : rows) {
            long id = row.getLong("id");
            unconfirmed.handedOver(id);
            publisher.publish(OutboxMessages.of(row)).whenComplete((confirmed, refused) -> {
                if (refused == null) {
                    settled(id, () -> batch.confirmed(id));
                } else {
                    settled(id, () -> batch.refused(refused));
                }
            });
            if (batch.outcome().isCompletedExceptionally()) {
                // A send failed already (the publisher works on its own thread, so only a quick failure is seen
                // here): the rest would fail the same way, so they wait for the next drain, after the retry pause.
                break;
            }
        }
        Duration timeout = config.confirmTimeout();
        return Uni.createFrom()
                .completionStage(batch.outcome())
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new ConfirmTimeout(ids.size(), timeout))
                .flatMap(confirmed -> tx.preparedQuery(DELETE).execute(Tuple.of(ids.toArray(new Long[0]))))
                .map(deleted -> ids.size())
                .onFailure()
                .invoke(batch::abandon);
    }

    private void settled(long id, Runnable outcome) {
        int lost = unconfirmed.settled(id, config.confirmTimeout());
        outcome.run();
        if (lost > 0) {
            LOG.warnf("outbox relay sends %d messages again: a later one was confirmed first", lost);
        }
        if (lost > 0
                || waitingForRoom.compareAndSet(true, false)
                || (failure.get() != null && unconfirmed.count() == 0)) {
            wake();
        }
    }

    /** A row whose confirm came after its batch gave up: deleted on its own, a few at a time. */
    private void deleteLate(long id) {
        confirmedLate.add(id);
        if (!deletingLate.compareAndSet(false, true)) {
            return;
        }
        List<Long> ids = new ArrayList<>();
        for (Long next = confirmedLate.poll(); next != null; next = confirmedLate.poll()) {
            ids.add(next);
        }
        pool.preparedQuery(DELETE)
                .execute(Tuple.of(ids.toArray(new Long[0])))
                .subscribe()
                .with(deleted -> lateDeleteDone(), error -> {
                    // The rows stay and are published again: a duplicate the consumers' inboxes absorb.
                    LOG.debugf("late delete of %d confirmed outbox rows failed: %s", ids.size(), error.getMessage());
                    lateDeleteDone();
                });
    }

    private void lateDeleteDone() {
        deletingLate.set(false);
        Long next = confirmedLate.poll();
        if (next != null) {
            deleteLate(next);
        }
    }
}

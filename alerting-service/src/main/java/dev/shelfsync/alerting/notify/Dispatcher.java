package dev.shelfsync.alerting.notify;

import dev.shelfsync.alerting.alert.AlertView;
import dev.shelfsync.alerting.config.AlertingConfig;
import dev.shelfsync.platform.notify.PgListener;
import dev.shelfsync.platform.schedule.DueTimer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers pending notifications. Woken by {@code NOTIFY notification} when an alert is raised, and when the earliest
 * pending notification falls due (a retry after its backoff, a claim whose lease ran out), read at the end of each
 * round ({@link DueTimer}) instead of sweeping every second; {@code sweep-interval} is only the safety period for a
 * lost NOTIFY or a due time another replica set. A round claims due rows with {@code FOR UPDATE SKIP LOCKED} and pushes their next attempt
 * one lease into the future in the same statement, so exactly one replica delivers a notification and a replica
 * that dies mid-delivery only delays it by the lease. The outcome is recorded only if the claim is still the
 * current one (the attempt counter fences late writers). Everything lives in the database: a restart loses nothing.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    // Claimed rows count too: their claim moved next_attempt_at to when the lease runs out.
    private static final String NEXT_DUE = "select extract(epoch from min(next_attempt_at) - now()) * 1000 as due_in_ms"
            + " from notification where status = 'pending'";
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final String CLAIM = "with due as (select id from notification where status = 'pending'"
            + " and next_attempt_at <= now() order by next_attempt_at limit $1 for update skip locked),"
            + " claimed as (update notification n set attempts = n.attempts + 1,"
            + " next_attempt_at = now() + make_interval(secs => $2) from due where n.id = due.id"
            + " returning n.id, n.attempts, n.alert_id, n.target_id)"
            + " select c.id as notification_id, c.attempts as attempt, t.kind as target_kind, t.url, t.secret,"
            + " t.body_format, t.email as target_email, t.enabled as target_enabled, a.id, a.type, a.severity,"
            + " a.subject, a.summary, a.details, a.rule_id, a.state, a.first_seen, a.last_seen, a.occurrences,"
            + " a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by"
            + " from claimed c join alert a on a.id = c.alert_id join notification_target t on t.id = c.target_id";
    private static final String DELIVERED = "update notification set status = 'delivered', delivered_at = now(),"
            + " last_error = null where id = $1 and attempts = $2";
    private static final String FAILED = "update notification set status = case when attempts >= $3 then 'failed'"
            + " else 'pending' end, last_error = $4, next_attempt_at = now() + make_interval(secs => $5)"
            + " where id = $1 and attempts = $2";
    private static final String LOG_ATTEMPT =
            "insert into delivery_attempt (notification_id, succeeded, status_code, error) values ($1, $2, $3, $4)";

    private final Pool pool;
    private final AlertingConfig config;
    private final WebhookSender webhooks;
    private final EmailSender emails;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final DueTimer timer;
    private final PgListener pending;

    public Dispatcher(Pool pool, Vertx vertx, AlertingConfig config, WebhookSender webhooks, EmailSender emails) {
        this.pool = pool;
        this.config = config;
        this.webhooks = webhooks;
        this.emails = emails;
        this.timer = new DueTimer(vertx, config.delivery().sweepInterval(), this::wake);
        this.pending = new PgListener(
                pool, vertx, List.of("notification"), running::get, (channel, payload) -> wake(), this::wake);
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        pending.listen();
        timer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        timer.stop();
    }

    /** Asks for a round; at most one round runs per instance, and a wake during a round triggers another. */
    public void wake() {
        wakeRequested.set(true);
        if (running.get() && draining.compareAndSet(false, true)) {
            wakeRequested.set(false);
            round().subscribe()
                    .with(
                            claimed -> {
                                draining.set(false);
                                if (claimed == config.delivery().batch() || wakeRequested.get()) {
                                    wake();
                                } else {
                                    scheduleNextDue();
                                }
                            },
                            failure -> {
                                draining.set(false);
                                LOG.warnf("notification round failed, will retry: %s", failure.getMessage());
                                timer.dueIn(RETRY_AFTER_FAILURE);
                            });
        }
    }

    private void scheduleNextDue() {
        pool.query(NEXT_DUE)
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            Double dueIn = rows.iterator().next().getDouble("due_in_ms");
                            if (dueIn != null) {
                                timer.dueIn(Duration.ofMillis((long) Math.ceil(dueIn)));
                            }
                        },
                        failure -> timer.dueIn(RETRY_AFTER_FAILURE));
    }

    private Uni<Integer> round() {
        double lease = config.delivery().lease().toMillis() / 1000.0;
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(config.delivery().batch(), lease))
                .flatMap(rows -> {
                    List<Uni<Void>> deliveries = new ArrayList<>();
                    for (Row row : rows) {
                        deliveries.add(deliver(delivery(row)));
                    }
                    if (deliveries.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(deliveries).andCollectFailures().map(done -> done.size());
                });
    }

    private Uni<Void> deliver(Delivery delivery) {
        Uni<Outcome> attempt;
        if (!delivery.enabled()) {
            attempt = Uni.createFrom().item(Outcome.failed(null, "target is disabled"));
        } else if ("email".equals(delivery.kind())) {
            attempt = emails.send(delivery);
        } else {
            attempt = webhooks.send(delivery);
        }
        return attempt.flatMap(outcome -> record(delivery, outcome));
    }

    private Uni<Void> record(Delivery delivery, Outcome outcome) {
        if (!outcome.succeeded()) {
            LOG.warnf(
                    "notification %s attempt %d failed: %s",
                    delivery.notificationId(), delivery.attempt(), outcome.error());
        }
        return pool.withTransaction(tx -> {
            Uni<?> update = outcome.succeeded()
                    ? tx.preparedQuery(DELIVERED).execute(Tuple.of(delivery.notificationId(), delivery.attempt()))
                    : tx.preparedQuery(FAILED)
                            .execute(Tuple.of(
                                    delivery.notificationId(),
                                    delivery.attempt(),
                                    config.delivery().maxAttempts(),
                                    outcome.error(),
                                    backoff(delivery.attempt()).toMillis() / 1000.0));
            return update.flatMap(ignored -> tx.preparedQuery(LOG_ATTEMPT)
                            .execute(Tuple.of(
                                    delivery.notificationId(),
                                    outcome.succeeded(),
                                    outcome.statusCode(),
                                    outcome.error())))
                    .replaceWithVoid();
        });
    }

    /** base x 2^(attempt - 1), capped at the configured maximum. */
    private Duration backoff(int attempt) {
        Duration base = config.delivery().backoffBase();
        Duration pause = base.multipliedBy(1L << Math.min(attempt - 1, 20));
        return pause.compareTo(config.delivery().backoffMax()) > 0
                ? config.delivery().backoffMax()
                : pause;
    }

    private static Delivery delivery(Row row) {
        return new Delivery(
                row.getUUID("notification_id"),
                row.getInteger("attempt"),
                AlertView.from(row),
                row.getString("target_kind"),
                row.getString("url"),
                row.getString("secret"),
                row.getString("body_format"),
                row.getString("target_email"),
                row.getBoolean("target_enabled"));
    }
}

package dev.shelfsync.platform.outbox;

import dev.shelfsync.platform.metrics.GaugeRefresh;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Exports how many committed events have not left yet, how old the oldest one is, and whether the relay is failing.
 *
 * <p>The numbers are read from the database on a timer ({@link GaugeRefresh}), not per scrape. The age is computed
 * at scrape time from the oldest row's timestamp, so it keeps growing between reads while nothing leaves.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);
    // The oldest row by id uses the primary key; count(*) reads only the backlog itself, which the relay keeps near
    // zero (rows are deleted once confirmed) and which readiness counts the same way.
    private static final String READ = "select count(*) as backlog,"
            + " (select (extract(epoch from occurred_at) * 1000)::bigint from outbox_message order by id limit 1)"
            + " as oldest_millis from outbox_message";

    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final AtomicLong backlog = new AtomicLong();
    /** Epoch millis of the oldest unpublished row; 0 when there is none. */
    private final AtomicLong oldestMillis = new AtomicLong();

    private volatile GaugeRefresh refresh;

    public OutboxMetrics(Pool pool, Vertx vertx, MeterRegistry registry, OutboxRelay relay, OutboxConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
        this.relay = relay;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("shelfsync.outbox.backlog", backlog, AtomicLong::get)
                .baseUnit("messages")
                .description("Committed events not yet confirmed by the broker")
                .register(registry);
        Gauge.builder("shelfsync.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds)
                .baseUnit("seconds")
                .description("Age of the oldest committed event not yet confirmed by the broker (0 when none)")
                .register(registry);
        Gauge.builder("shelfsync.outbox.relay.failing", relay, r -> r.failure() == null ? 0 : 1)
                .description("1 while the outbox relay's batches keep failing (broker refusing or not confirming)")
                .register(registry);
        refresh = GaugeRefresh.every(vertx, config.metricsInterval(), this::read);
    }

    void stop(@Observes ShutdownEvent event) {
        refresh.stop();
    }

    private double oldestAgeSeconds() {
        long oldest = oldestMillis.get();
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
    }

    private void read() {
        pool.query(READ)
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            Row row = rows.iterator().next();
                            backlog.set(row.getLong("backlog"));
                            Long oldest = row.getLong("oldest_millis");
                            oldestMillis.set(oldest == null ? 0 : oldest);
                        },
                        failure -> LOG.debugf("reading the outbox backlog failed: %s", failure.getMessage()));
    }
}

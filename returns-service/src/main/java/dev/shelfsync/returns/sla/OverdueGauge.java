package dev.shelfsync.returns.sla;

import dev.shelfsync.platform.metrics.GaugeRefresh;
import dev.shelfsync.returns.config.ReturnsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Exports how many received returns are waiting for inspection past the SLA, whether or not their overdue event
 * went out yet. Counted through the partial index of returns awaiting inspection, on a timer ({@link GaugeRefresh}),
 * never per scrape.
 */
@ApplicationScoped
public class OverdueGauge {

    private static final Logger LOG = Logger.getLogger(OverdueGauge.class);
    private static final String COUNT = "select count(*) as overdue from rma where status = 'received'"
            + " and received_at <= now() - make_interval(secs => $1)";

    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ReturnsConfig config;
    private final AtomicLong overdue = new AtomicLong();
    private volatile GaugeRefresh refresh;

    public OverdueGauge(Pool pool, Vertx vertx, MeterRegistry registry, ReturnsConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("shelfsync.returns.inspection.overdue", overdue, AtomicLong::get)
                .description("Received returns not inspected within the inspection SLA")
                .register(registry);
        refresh = GaugeRefresh.every(vertx, config.metricsInterval(), this::read);
    }

    void stop(@Observes ShutdownEvent event) {
        refresh.stop();
    }

    private void read() {
        double slaSeconds = config.inspectionSla().toMillis() / 1000.0;
        pool.preparedQuery(COUNT)
                .execute(Tuple.of(slaSeconds))
                .subscribe()
                .with(
                        rows -> overdue.set(rows.iterator().next().getLong("overdue")),
                        failure -> LOG.debugf("counting overdue inspections failed: %s", failure.getMessage()));
    }
}

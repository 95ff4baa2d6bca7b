package dev.shelfsync.gateway.push;

import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.platform.metrics.GaugeRefresh;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Per channel, the listings waiting to be pushed and the time since the last accepted push, as every replica sees
 * them in the database (whichever replica holds the channel's lease).
 *
 * <p>Read on a timer ({@link GaugeRefresh}), not per scrape. The waiting count matches the partial index {@code listing_mapping_dirty_idx}; the last push time reads the
 * channel's rows through the primary key, once per interval and replica, never per scrape.
 */
@ApplicationScoped
public class PushBacklogGauges {

    private static final Logger LOG = Logger.getLogger(PushBacklogGauges.class);
    private static final String READ = "select c.id, c.type,"
            + " (select count(*) from listing_mapping m where m.channel_id = c.id and m.behind) as waiting,"
            + " (select (extract(epoch from max(m.pushed_at)) * 1000)::bigint from listing_mapping m"
            + " where m.channel_id = c.id) as last_push_millis"
            + " from channel c";

    private final Pool pool;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final MultiGauge waiting;
    private final MultiGauge lastPushAge;
    private volatile GaugeRefresh refresh;

    public PushBacklogGauges(Pool pool, Vertx vertx, MeterRegistry registry, GatewayConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        this.waiting = MultiGauge.builder("shelfsync.gateway.push.backlog")
                .baseUnit("listings")
                .description("Listings whose quantity has not been pushed at their current version yet")
                .register(registry);
        this.lastPushAge = MultiGauge.builder("shelfsync.gateway.last.push.age")
                .baseUnit("seconds")
                .description("Time since the channel last accepted a quantity push (absent before the first)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        refresh = GaugeRefresh.every(vertx, config.metricsInterval(), this::read);
    }

    void stop(@Observes ShutdownEvent event) {
        refresh.stop();
    }

    private void read() {
        pool.query(READ)
                .execute()
                .subscribe()
                .with(
                        rows -> {
                            List<MultiGauge.Row<?>> backlog = new ArrayList<>();
                            List<MultiGauge.Row<?>> ages = new ArrayList<>();
                            for (Row row : rows) {
                                Tags tags =
                                        Tags.of("channel", row.getString("id"), "marketplace", row.getString("type"));
                                backlog.add(MultiGauge.Row.of(tags, row.getLong("waiting")));
                                Long lastPush = row.getLong("last_push_millis");
                                if (lastPush != null) {
                                    // Computed at scrape time, so the age keeps growing between reads while nothing is
                                    // pushed.
                                    ages.add(MultiGauge.Row.of(
                                            tags,
                                            lastPush,
                                            at -> Math.max(0, System.currentTimeMillis() - at) / 1000.0));
                                }
                            }
                            waiting.register(backlog, true);
                            lastPushAge.register(ages, true);
                        },
                        failure -> LOG.debugf("reading the push backlog failed: %s", failure.getMessage()));
    }
}

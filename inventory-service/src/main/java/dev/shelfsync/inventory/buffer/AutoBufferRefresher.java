package dev.shelfsync.inventory.buffer;

import dev.shelfsync.inventory.config.AutoBufferConfig;
import dev.shelfsync.inventory.policy.AvailabilityRepublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * An auto buffer grows with each sale, which publishes availability anyway; it must also shrink when the sales
 * stop, and nothing else publishes then. Every few seconds this republishes the SKUs that sold within the last two
 * velocity windows but not since the last round (an SKU still selling republishes with each sale), while some
 * buffer is auto.
 */
@ApplicationScoped
public class AutoBufferRefresher {

    private static final Logger LOG = Logger.getLogger(AutoBufferRefresher.class);

    private static final String RECENTLY_SOLD =
            """
            select r.sku
              from reservation_request q join reservation r on r.order_id = q.order_id
             where q.created_at > now() - make_interval(secs => $1) and q.outcome = 'confirmed'
               and (exists (select 1 from channel_policy where buffer_mode = 'auto')
                    or exists (select 1 from sku_channel_buffer b where b.sku = r.sku and b.buffer_mode = 'auto'))
             group by r.sku
            having max(q.created_at) < now() - make_interval(secs => $2)
             order by r.sku limit 500
            """;

    private final Pool pool;
    private final Vertx vertx;
    private final AvailabilityRepublisher republisher;
    private final AutoBufferConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public AutoBufferRefresher(Pool pool, Vertx vertx, AvailabilityRepublisher republisher, AutoBufferConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.republisher = republisher;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(config.refreshEvery().toMillis(), tick -> refresh());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void refresh() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        double seconds = 2 * config.velocityWindow().toMillis() / 1000.0;
        pool.preparedQuery(RECENTLY_SOLD)
                .execute(Tuple.of(seconds, config.refreshEvery().toMillis() / 1000.0))
                .flatMap(rows -> {
                    List<String> skus = new ArrayList<>();
                    for (Row row : rows) {
                        skus.add(row.getString("sku"));
                    }
                    return republisher.republish(skus, "auto-buffer");
                })
                .subscribe()
                .with(done -> running.set(false), failure -> {
                    running.set(false);
                    LOG.debugf("refreshing auto buffers failed, tried again next time: %s", failure.getMessage());
                });
    }
}

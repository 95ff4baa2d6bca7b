package dev.shelfsync.gateway.synclag;

import dev.shelfsync.contracts.RoutingKeys;
import dev.shelfsync.contracts.channels.ChannelSyncLagMeasured;
import dev.shelfsync.platform.outbox.OutboxWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every few seconds, publishes {@code channels.sync-lag-measured} for each channel that recorded a sample since the
 * last time, through the outbox like every other event. Only the replica pushing a channel records its samples.
 */
@ApplicationScoped
public class SyncLagPublisher {

    private static final Logger LOG = Logger.getLogger(SyncLagPublisher.class);

    private final SyncLagWindows windows;
    private final Pool pool;
    private final OutboxWriter outbox;
    private final Vertx vertx;
    private final Duration every;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public SyncLagPublisher(
            SyncLagWindows windows,
            Pool pool,
            OutboxWriter outbox,
            Vertx vertx,
            @ConfigProperty(name = "shelfsync.gateway.sync-lag.publish-every", defaultValue = "2s") Duration every) {
        this.windows = windows;
        this.pool = pool;
        this.outbox = outbox;
        this.vertx = vertx;
        this.every = every;
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(Math.max(100, every.toMillis()), tick -> publish());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void publish() {
        long now = System.currentTimeMillis();
        List<OutboxWriter.Message> measured = new ArrayList<>();
        windows.all().forEach((channelId, window) -> {
            if (!window.takeNews()) {
                return;
            }
            SyncLagWindow.Percentile lag = window.percentile(now);
            if (lag != null) {
                measured.add(new OutboxWriter.Message(
                        RoutingKeys.SYNC_LAG_MEASURED,
                        channelId,
                        null,
                        new ChannelSyncLagMeasured(
                                channelId,
                                lag.p99Millis(),
                                lag.samples(),
                                windows.windowSeconds(),
                                Instant.ofEpochMilli(now))));
            }
        });
        if (measured.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        pool.withTransaction(tx -> outbox.appendAll(tx, measured))
                .subscribe()
                .with(done -> running.set(false), failure -> {
                    running.set(false);
                    // The next sample brings a fresh measurement; an old one is worth nothing to resend.
                    LOG.debugf("publishing sync lags failed: %s", failure.getMessage());
                });
    }
}

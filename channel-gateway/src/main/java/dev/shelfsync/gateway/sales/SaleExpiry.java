package dev.shelfsync.gateway.sales;

import dev.shelfsync.gateway.config.GatewayConfig;
import dev.shelfsync.gateway.push.PushScheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Every 30 s, ends sales in flight that routing never answered for ({@link SalesInFlight#expire}). */
@ApplicationScoped
public class SaleExpiry {

    private static final Logger LOG = Logger.getLogger(SaleExpiry.class);

    private final Pool pool;
    private final SalesInFlight salesInFlight;
    private final PushScheduler pushers;
    private final GatewayConfig config;
    private final Vertx vertx;
    private long timer = -1;

    public SaleExpiry(
            Pool pool, SalesInFlight salesInFlight, PushScheduler pushers, GatewayConfig config, Vertx vertx) {
        this.pool = pool;
        this.salesInFlight = salesInFlight;
        this.pushers = pushers;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(30_000, id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    void sweep() {
        pool.withTransaction(tx -> salesInFlight.expire(tx, config.saleInFlightExpiry()))
                .subscribe()
                .with(
                        channels -> {
                            if (!channels.isEmpty()) {
                                LOG.warnf(
                                        "sales unanswered by routing for %s stopped holding stock back on %s",
                                        config.saleInFlightExpiry(), channels);
                                pushers.wakeAll(channels);
                            }
                        },
                        failure -> LOG.warnf("expiring sales in flight failed: %s", failure.getMessage()));
    }
}

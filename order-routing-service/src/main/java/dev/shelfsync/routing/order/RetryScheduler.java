package dev.shelfsync.routing.order;

import dev.shelfsync.routing.config.RoutingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-ranks refused orders once their pause is over, without holding a consumer: the refusal only stores
 * {@code retry_at}; every replica polls for due orders and claims each with {@code FOR UPDATE SKIP LOCKED}, so an
 * order is re-ranked by one replica once.
 */
@ApplicationScoped
public class RetryScheduler {

    private static final Logger LOG = Logger.getLogger(RetryScheduler.class);
    private static final int MAX_PER_TICK = 100;

    private final ReservationAnswers orders;
    private final Vertx vertx;
    private final long intervalMillis;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public RetryScheduler(ReservationAnswers orders, Vertx vertx, RoutingConfig config) {
        this.orders = orders;
        this.vertx = vertx;
        this.intervalMillis = Math.max(10, config.retryPollInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        vertx.setPeriodic(intervalMillis, id -> tick());
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
    }

    private void tick() {
        if (!running.get() || !busy.compareAndSet(false, true)) {
            return;
        }
        drain(0).subscribe().with(count -> busy.set(false), failure -> {
            busy.set(false);
            LOG.warnf("re-ranking due orders failed, next tick retries: %s", failure.getMessage());
        });
    }

    private Uni<Integer> drain(int done) {
        if (done >= MAX_PER_TICK || !running.get()) {
            return Uni.createFrom().item(done);
        }
        return orders.retryDue()
                .flatMap(found -> found ? drain(done + 1) : Uni.createFrom().item(done));
    }
}

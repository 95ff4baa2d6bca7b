package dev.shelfsync.routing.order;

import dev.shelfsync.platform.schedule.DueTimer;
import dev.shelfsync.routing.config.RoutingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Re-ranks refused orders once their pause is over, without holding a consumer: the refusal only stores
 * {@code retry_at}; every replica claims due orders with {@code FOR UPDATE SKIP LOCKED}, so an order is re-ranked by
 * one replica once. Nothing polls: a round runs when the earliest {@code retry_at} falls due ({@link RetryClock}, told
 * after each refusal and after each round); {@code routing.retry-poll-interval} is only the safety period that bounds
 * the wait for an order another replica refused and then died before re-ranking.
 */
@ApplicationScoped
public class RetryScheduler {

    private static final Logger LOG = Logger.getLogger(RetryScheduler.class);
    private static final int MAX_PER_TICK = 100;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final ReservationAnswers orders;
    private final DueTimer timer;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public RetryScheduler(ReservationAnswers orders, Vertx vertx, RoutingConfig config, RetryClock clock) {
        this.orders = orders;
        this.timer = new DueTimer(vertx, config.retryPollInterval(), this::tick);
        clock.drive(timer);
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        timer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        timer.stop();
    }

    private void tick() {
        if (!running.get()) {
            return;
        }
        again.set(true);
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        drain(0).flatMap(count -> count >= MAX_PER_TICK ? Uni.createFrom().item(Duration.ZERO) : orders.nextRetryDue())
                .subscribe()
                .with(
                        next -> {
                            busy.set(false);
                            if (next != null) {
                                timer.dueIn(next);
                            }
                            if (again.getAndSet(false)) {
                                timer.dueIn(Duration.ZERO);
                            }
                        },
                        failure -> {
                            busy.set(false);
                            LOG.warnf("re-ranking due orders failed, retrying: %s", failure.getMessage());
                            timer.dueIn(RETRY_AFTER_FAILURE);
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

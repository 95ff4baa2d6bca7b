package dev.shelfsync.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Reservation outcomes, the time a reservation waits for its SKUs' locks (how contended a hot SKU is), and oversell
 * incidents: a reservation refused for a sale a channel already made. Registered at start-up, so the series exist
 * (at zero) before the first order and alerts on them are defined from the start.
 */
@Startup
@ApplicationScoped
public class ReservationMetrics {

    private final Counter confirmed;
    private final Counter refused;
    private final Counter oversold;
    private final Timer lockWait;

    public ReservationMetrics(MeterRegistry registry) {
        this.confirmed = outcome(registry, "confirmed");
        this.refused = outcome(registry, "refused");
        this.oversold = Counter.builder("shelfsync.inventory.oversell.incidents")
                .description("Marketplace sales whose reservation inventory refused: the channel sold stock that is"
                        + " not there (counted once per order, at its first refusal)")
                .register(registry);
        this.lockWait = Timer.builder("shelfsync.inventory.reservation.lock.wait")
                .description("Time a reservation waited for the row locks of its SKUs")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5))
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("shelfsync.inventory.reservations")
                .description("Reservation attempts by outcome (a retried order counts each attempt)")
                .tag("outcome", outcome)
                .register(registry);
    }

    void confirmed() {
        confirmed.increment();
    }

    void refused() {
        refused.increment();
    }

    /** The first refusal of an order a marketplace already sold. */
    void oversold() {
        oversold.increment();
    }

    void waitedForLocks(long nanos) {
        lockWait.record(Duration.ofNanos(nanos));
    }
}

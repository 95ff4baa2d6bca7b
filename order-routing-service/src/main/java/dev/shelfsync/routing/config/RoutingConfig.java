package dev.shelfsync.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the routing context. */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** Reservation requests per order (the first plus re-ranks after refusals) before it is unfulfillable. */
    @WithDefault("3")
    int maxReservationAttempts();

    /** Time zone whose calendar day counts against a location's daily capacity. */
    @WithDefault("UTC")
    String capacityZone();

    /** Pause after the first refusal before re-ranking; doubles with every further refusal. */
    @WithDefault("PT1S")
    Duration retryBackoff();

    /** Longest pause before a re-rank. */
    @WithDefault("PT30S")
    Duration retryBackoffMax();

    /**
     * Longest wait between two looks for due re-ranks: each replica is woken when its own refusals' pauses end, so
     * this only bounds the wait for one another replica refused and could not re-rank (it died).
     */
    @WithDefault("PT10S")
    Duration retryPollInterval();
}

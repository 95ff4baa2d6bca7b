package dev.shelfsync.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the routing context. */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    /** Reservation requests per order (the first plus re-ranks after refusals) before it is unfulfillable. */
    @WithDefault("3")
    int maxReservationAttempts();

    /** Time zone whose calendar day counts against a location's daily capacity. */
    @WithDefault("UTC")
    String capacityZone();
}
